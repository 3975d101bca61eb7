"use client";

import type { Terminal } from "@xterm/xterm";
import { useEffect, useRef, useState } from "react";

/** What Playwright reads (e2e): the text on screen and in scrollback, and the terminal's size. */
export type TerminalProbe = { text(): string; readonly cols: number; readonly rows: number };
declare global {
  interface Window {
    /**
     * Set by the terminal components (live, watch, replay) while one is mounted, for
     * end-to-end tests only: xterm draws on a canvas/DOM grid that a test cannot read as text.
     */
    __branchdeskTerminal?: TerminalProbe;
  }
}

export type XtermOptions = {
  /** Follow the container's size (fit addon) and report it; false: a fixed size (replay, watch). */
  fit: boolean;
  /** Called with the new size after each fit that changed it. */
  onResize?: (cols: number, rows: number) => void;
  /** Read-only terminals take no keyboard input. */
  readOnly?: boolean;
};

/**
 * One xterm.js terminal in a div: 256 colours and truecolor (xterm's own),
 * UTF-8 (binary output is written as bytes, xterm decodes it), Unicode 11
 * widths (emoji, CJK), 10,000 lines of scrollback, copy (select; Ctrl+Shift+C)
 * and paste (Ctrl+Shift+V or the browser's paste). xterm is loaded in the
 * browser only: it needs a DOM.
 */
export function useXterm(options: XtermOptions) {
  const container = useRef<HTMLDivElement | null>(null);
  const [term, setTerm] = useState<Terminal | null>(null);
  const opts = useRef(options);
  useEffect(() => {
    opts.current = options;
  });

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void (async () => {
      const [{ Terminal }, { FitAddon }, { Unicode11Addon }] = await Promise.all([
        import("@xterm/xterm"),
        import("@xterm/addon-fit"),
        import("@xterm/addon-unicode11"),
      ]);
      if (disposed || !container.current) return;
      const t = new Terminal({
        scrollback: 10_000,
        cursorBlink: !opts.current.readOnly,
        disableStdin: Boolean(opts.current.readOnly),
        allowProposedApi: true, // the unicode11 addon's activeVersion
        fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
        fontSize: 14,
        theme: { background: "#0f172a", foreground: "#e2e8f0" },
      });
      const fit = new FitAddon();
      t.loadAddon(fit);
      t.loadAddon(new Unicode11Addon());
      t.unicode.activeVersion = "11";
      t.attachCustomKeyEventHandler((e) => copyPasteKeys(t, e));
      t.open(container.current);
      const doFit = () => {
        if (!opts.current.fit) return;
        const before = `${t.cols}x${t.rows}`;
        try {
          fit.fit();
        } catch {
          return; // not laid out yet (display: none)
        }
        if (`${t.cols}x${t.rows}` !== before) opts.current.onResize?.(t.cols, t.rows);
      };
      doFit();
      const observer = new ResizeObserver(() => doFit());
      observer.observe(container.current);
      window.__branchdeskTerminal = probe(t);
      setTerm(t);
      cleanup = () => {
        observer.disconnect();
        if (window.__branchdeskTerminal?.text === probeOf.get(t)?.text) delete window.__branchdeskTerminal;
        t.dispose();
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, []);

  return { container, term };
}

const probeOf = new WeakMap<Terminal, TerminalProbe>();

function probe(t: Terminal): TerminalProbe {
  const p: TerminalProbe = {
    text() {
      const buffer = t.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
      return lines.join("\n").replace(/\n+$/, "");
    },
    get cols() {
      return t.cols;
    },
    get rows() {
      return t.rows;
    },
  };
  probeOf.set(t, p);
  return p;
}

/**
 * Ctrl+C is the shell's interrupt, so copying is Ctrl+Shift+C (as in most Linux
 * terminals) and pasting Ctrl+Shift+V; Ctrl+V and the context menu paste too.
 * Returning false keeps xterm from sending the key to the box.
 */
function copyPasteKeys(t: Terminal, e: KeyboardEvent): boolean {
  if (e.type !== "keydown" || !e.ctrlKey || !e.shiftKey) return true;
  if (e.code === "KeyC") {
    const selection = t.getSelection();
    if (selection) void navigator.clipboard?.writeText(selection).catch(() => undefined);
    return false;
  }
  // The browser's own paste event reaches xterm's textarea, which sends it (bracketed when the shell asks).
  if (e.code === "KeyV") return false;
  return true;
}
