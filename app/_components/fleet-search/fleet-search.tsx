"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { hostSearchQuery } from "@/app/_client/api-queries";
import { useDebounced } from "@/app/_client/use-debounced";
import { SEARCH_QUERY_MAX } from "@/lib/domain/inventory/host-search";
import type { HostSearchItem, HostSearchResponse } from "@/lib/domain/inventory/host-search-views";
import { SearchOption } from "./search-option";
import { resultsPath, useSlashToFocus } from "./search-keys";

/** Results in the box; the rest are one Enter (or the last option) away on /search. */
const SHOWN = 8;
const params = (q: string) => ({ q, pageSize: String(SHOWN) });
const INPUT =
  "w-full rounded border border-slate-600 bg-slate-800 px-2 py-1 text-sm text-white placeholder:text-slate-300";
const POPUP = "absolute z-50 mt-1 rounded border border-slate-300 bg-white text-sm shadow-lg";

/**
 * The header's fleet search (issue 10): a call comes in with a desktop name, a
 * guest IP, a MAC or a serial; type it, and Enter or a click lands on the host.
 * An ARIA 1.2 combobox with a listbox popup: focus stays in the box, arrow
 * keys move the highlighted option (aria-activedescendant), Enter opens it
 * (or, with none highlighted, the first result when it matched exactly or is
 * the only one, else every result on /search), Escape closes, then clears.
 * "/" anywhere outside a text field focuses it.
 */
export function FleetSearch() {
  const router = useRouter();
  const client = useQueryClient();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  useSlashToFocus(input);

  const q = useDebounced(text.trim(), 200);
  const enabled = q.length > 0 && q.length <= SEARCH_QUERY_MAX;
  const search = useQuery({ ...hostSearchQuery(params(q)), enabled, placeholderData: keepPreviousData });
  const data = enabled ? search.data : undefined;
  const items = data?.items ?? [];
  const more = data !== undefined && data.total > items.length;
  const optionCount = items.length + (more ? 1 : 0);
  const expanded = open && optionCount > 0 && text.trim() !== "";
  const listbox = `${id}-listbox`;
  const optionId = (i: number) => `${id}-option-${i}`;

  // A new set of results highlights nothing: Enter then follows the rule above, not a stale index.
  const [shownData, setShownData] = useState(data);
  if (shownData !== data) {
    setShownData(data);
    setActive(-1);
  }

  function close() {
    setOpen(false);
    setActive(-1);
  }
  function goTo(path: string) {
    close();
    setText("");
    input.current?.blur();
    router.push(path);
  }
  function choose(i: number, results: HostSearchResponse) {
    const item: HostSearchItem | undefined = results.items[i];
    goTo(item ? `/hosts/${item.id}` : resultsPath(results.q));
  }

  /** Enter with nothing highlighted: the answer for what is typed now, fetched at once if the debounce is behind. */
  async function enter() {
    const typed = text.trim();
    if (typed === "" || typed.length > SEARCH_QUERY_MAX) return;
    const results =
      data && data.q === typed ? data : await client.fetchQuery(hostSearchQuery(params(typed))).catch(() => null);
    if (!results) return goTo(resultsPath(typed));
    const [first] = results.items;
    if (first && (results.total === 1 || first.matched.exact)) return goTo(`/hosts/${first.id}`);
    goTo(resultsPath(typed));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (optionCount === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (a === -1 && step < 0 ? optionCount - 1 : (a + step + optionCount) % optionCount));
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (expanded && active >= 0 && data) choose(active, data);
      else void enter();
    } else if (e.key === "Escape") {
      if (expanded) close();
      else setText("");
    }
  }

  const status = !enabled
    ? ""
    : search.isError
      ? `Search failed: ${search.error.message}`
      : data
        ? data.total === 0
          ? `No host matches ${data.q}`
          : `${data.total} host${data.total === 1 ? "" : "s"} found`
        : "";

  return (
    <div role="search" className="relative w-full max-w-md">
      <label htmlFor={`${id}-input`} className="sr-only">
        Find a host
      </label>
      <input
        id={`${id}-input`}
        ref={input}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={expanded ? listbox : undefined}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        spellCheck={false}
        maxLength={SEARCH_QUERY_MAX}
        placeholder="Find a host: name, IP, MAC, serial"
        className={INPUT}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className="sr-only">
        Hostname, guest name or IP, MAC, serial or link-local address. Press slash to come back here.
      </span>
      <span role="status" className="sr-only">
        {status}
      </span>
      {open && enabled && optionCount === 0 && status && (
        <p className={`${POPUP} w-full px-3 py-2 text-slate-700`}>{status}</p>
      )}
      {expanded && data && (
        <ul
          id={listbox}
          role="listbox"
          aria-label="Hosts found"
          className={`${POPUP} max-h-[28rem] w-[min(36rem,90vw)] overflow-auto py-1 text-slate-900`}
          // Keep focus in the box while a click picks an option (blur would close the list first).
          onMouseDown={(e) => e.preventDefault()}
        >
          {items.map((item, i) => (
            <SearchOption
              key={item.id}
              id={optionId(i)}
              item={item}
              active={i === active}
              onPick={() => choose(i, data)}
              onHover={() => setActive(i)}
            />
          ))}
          {more && (
            <li
              id={optionId(items.length)}
              role="option"
              aria-selected={active === items.length}
              className={`cursor-pointer px-3 py-1.5 text-sky-800 ${active === items.length ? "bg-sky-100" : ""}`}
              onClick={() => choose(items.length, data)}
              onMouseMove={() => setActive(items.length)}
            >
              All {data.total} results for “{data.q}”
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
