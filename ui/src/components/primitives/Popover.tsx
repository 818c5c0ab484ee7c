import { Popover as RadixPopover } from "radix-ui";
import type { ComponentProps } from "react";

import "./primitives.css";

export const Popover = RadixPopover.Root;
export const PopoverTrigger = RadixPopover.Trigger;
export const PopoverClose = RadixPopover.Close;

/** A non-modal panel under its trigger (filters, column chooser); Escape closes it. */
export function PopoverContent({
  className,
  children,
  ...rest
}: ComponentProps<typeof RadixPopover.Content>) {
  return (
    <RadixPopover.Portal>
      <RadixPopover.Content
        className={["popover", "popover--panel", className].filter(Boolean).join(" ")}
        sideOffset={4}
        align="start"
        {...rest}
      >
        {children}
      </RadixPopover.Content>
    </RadixPopover.Portal>
  );
}
