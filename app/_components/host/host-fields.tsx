import { SelectField } from "../form/select-field";
import { TextField } from "../form/text-field";
import { HOST_STATES } from "@/lib/domain/inventory/host-input";

export type HostFieldValues = {
  hostname: string;
  serial: string;
  nicMac: string;
  bridge: string;
  linkLocalIp: string;
  sshUser: string;
  state: string;
};

type Problems = Record<string, string[]>;
type Props = { host?: HostFieldValues; fields: Problems; warnings?: Problems };

/** The Linux/KVM host's own inputs, shared by the new-host and edit-host forms; `warnings` are a saved host's. */
export function HostFields({ host, fields, warnings = {} }: Props) {
  return (
    <div className="grid grid-cols-2 gap-3">
      <TextField
        name="hostname"
        label="Hostname"
        placeholder="br-0042-h07"
        required
        defaultValue={host?.hostname}
        errors={fields.hostname}
        mono
      />
      <TextField
        name="serial"
        label="Serial / asset tag"
        required
        defaultValue={host?.serial}
        errors={fields.serial}
        mono
      />
      <TextField
        name="nicMac"
        label="NIC MAC"
        placeholder="02:00:5e:10:00:07"
        required
        defaultValue={host?.nicMac}
        errors={fields.nicMac}
        mono
      />
      <TextField
        name="bridge"
        label="Bridge"
        placeholder="virbr0"
        defaultValue={host?.bridge}
        errors={fields.bridge}
        mono
      />
      <TextField
        name="linkLocalIp"
        label="Link-local address"
        placeholder="allocated from the pool when blank"
        defaultValue={host?.linkLocalIp}
        errors={fields.linkLocalIp}
        warnings={warnings.linkLocalIp}
        mono
      />
      <TextField
        name="sshUser"
        label="SSH user"
        placeholder="root"
        defaultValue={host?.sshUser}
        errors={fields.sshUser}
        mono
      />
      <SelectField
        name="state"
        label="State"
        options={HOST_STATES}
        defaultValue={host?.state ?? "planned"}
        errors={fields.state}
      />
    </div>
  );
}
