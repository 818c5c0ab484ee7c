import { Check, ChevronDown } from "lucide-react";
import { Select as RadixSelect } from "radix-ui";
import type { ReactNode } from "react";

import "./primitives.css";

export interface SelectOption {
  value: string;
  /** Shown in the list and, once chosen, in the trigger. */
  label: ReactNode;
  /** Plain text for type-ahead when `label` is not a string. */
  textValue?: string;
  disabled?: boolean;
}

export interface SelectProps {
  /** The chosen option's value; undefined or "" shows the placeholder. */
  value: string | undefined;
  onValueChange: (value: string) => void;
  options: readonly SelectOption[];
  placeholder?: string;
  /** Labels the trigger; use `id` with a <label htmlFor> instead when one is visible. */
  "aria-label"?: string;
  id?: string;
  /** Form field name (Radix renders a hidden native select inside forms). */
  name?: string;
  disabled?: boolean;
  invalid?: boolean;
  "aria-describedby"?: string;
  "data-testid"?: string;
  className?: string;
}

export function Select({
  value,
  onValueChange,
  options,
  placeholder,
  id,
  name,
  disabled,
  invalid,
  className,
  ...aria
}: SelectProps) {
  return (
    // Always controlled: Radix shows the placeholder for "".
    <RadixSelect.Root
      value={value ?? ""}
      onValueChange={onValueChange}
      name={name}
      disabled={disabled}
    >
      <RadixSelect.Trigger
        id={id}
        className={["select-trigger", className].filter(Boolean).join(" ")}
        aria-label={aria["aria-label"]}
        aria-describedby={aria["aria-describedby"]}
        aria-invalid={invalid || undefined}
        data-testid={aria["data-testid"]}
      >
        <RadixSelect.Value placeholder={placeholder} />
        <RadixSelect.Icon className="select-trigger__icon">
          <ChevronDown size={14} aria-hidden="true" />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content className="popover select-content" position="popper" sideOffset={4}>
          <RadixSelect.Viewport>
            {options.map((option) => (
              <RadixSelect.Item
                key={option.value}
                value={option.value}
                disabled={option.disabled}
                textValue={option.textValue}
                className="menu-item"
              >
                <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
                <RadixSelect.ItemIndicator className="menu-item__indicator">
                  <Check size={14} aria-hidden="true" />
                </RadixSelect.ItemIndicator>
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
