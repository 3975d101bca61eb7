import { TextField } from "../form/text-field";

type Guest = { name: string; domain: string; mac: string; ip: string };

/**
 * The Windows 2000 guest's inputs. `prefix` is "guest." inside the new-host
 * form (the API nests the guest there and keys its errors "guest.ip") and ""
 * in the guest's own form.
 */
export function GuestFields({
  prefix,
  guest,
  fields,
}: {
  prefix: string;
  guest?: Guest | null;
  fields: Record<string, string[]>;
}) {
  const key = (name: string) => `${prefix}${name}`;
  return (
    <div className="grid grid-cols-2 gap-3">
      <TextField
        name={key("name")}
        label="Guest name"
        placeholder="BR0042-WS07"
        defaultValue={guest?.name}
        errors={fields[key("name")]}
      />
      <TextField
        name={key("domain")}
        label="libvirt domain"
        placeholder="win2k-ws07"
        defaultValue={guest?.domain}
        errors={fields[key("domain")]}
        mono
      />
      <TextField
        name={key("ip")}
        label="Guest IP (branch LAN)"
        placeholder="198.51.100.27"
        defaultValue={guest?.ip}
        errors={fields[key("ip")]}
        mono
      />
      <TextField
        name={key("mac")}
        label="Guest MAC"
        placeholder="allocated (52:54:00:…) when blank"
        defaultValue={guest?.mac}
        errors={fields[key("mac")]}
        mono
      />
    </div>
  );
}
