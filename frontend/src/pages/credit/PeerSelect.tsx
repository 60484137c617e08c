/** A choice among the DisCO's peers in the credit network, by name (the payee, a line's receiver, a creditor). */
import type { Address } from "viem";
import type { CreditView } from "./ours.ts";

/** A choice among the DisCO's peers, by name. */
export function PeerSelect({
  id,
  name,
  label,
  peers,
  value,
  onChange,
  view,
}: {
  id: string;
  name: string;
  label: string;
  peers: readonly Address[];
  value: Address;
  onChange: (peer: string) => void;
  view: CreditView;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {peers.map((p) => (
          <option key={p} value={p}>
            {view.name(p)}
          </option>
        ))}
      </select>
    </div>
  );
}
