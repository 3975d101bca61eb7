/** Which branches an operator has ticked on the fleet page (by code; survives filtering and sorting). */
export type FleetSelection = {
  selected: ReadonlySet<string>;
  toggle: (code: string, on: boolean) => void;
};
