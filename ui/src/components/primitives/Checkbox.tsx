import type { ComponentProps, ReactNode } from "react";

import "./primitives.css";

export interface CheckboxProps extends Omit<ComponentProps<"input">, "type"> {
  label: ReactNode;
}

export function Checkbox({ label, className, ...input }: CheckboxProps) {
  return (
    <label className={["choice", className].filter(Boolean).join(" ")}>
      <input type="checkbox" {...input} />
      <span>{label}</span>
    </label>
  );
}
