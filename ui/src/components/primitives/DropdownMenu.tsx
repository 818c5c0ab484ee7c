import { Check } from "lucide-react";
import { DropdownMenu as RadixMenu } from "radix-ui";
import type { ComponentProps } from "react";

import "./primitives.css";

export const DropdownMenu = RadixMenu.Root;
export const DropdownMenuTrigger = RadixMenu.Trigger;
export const DropdownMenuRadioGroup = RadixMenu.RadioGroup;

export function DropdownMenuContent({
  className,
  children,
  ...rest
}: ComponentProps<typeof RadixMenu.Content>) {
  return (
    <RadixMenu.Portal>
      <RadixMenu.Content
        className={["popover", "menu", className].filter(Boolean).join(" ")}
        sideOffset={4}
        align="end"
        {...rest}
      >
        {children}
      </RadixMenu.Content>
    </RadixMenu.Portal>
  );
}

export function DropdownMenuLabel(props: ComponentProps<typeof RadixMenu.Label>) {
  return <RadixMenu.Label className="menu-label" {...props} />;
}

export function DropdownMenuSeparator(props: ComponentProps<typeof RadixMenu.Separator>) {
  return <RadixMenu.Separator className="menu-separator" {...props} />;
}

export function DropdownMenuItem(props: ComponentProps<typeof RadixMenu.Item>) {
  return <RadixMenu.Item className="menu-item" {...props} />;
}

/** A radio item with a check mark when selected. */
export function DropdownMenuRadioItem({
  children,
  ...rest
}: ComponentProps<typeof RadixMenu.RadioItem>) {
  return (
    <RadixMenu.RadioItem className="menu-item" {...rest}>
      {children}
      <RadixMenu.ItemIndicator className="menu-item__indicator">
        <Check size={14} aria-hidden="true" />
      </RadixMenu.ItemIndicator>
    </RadixMenu.RadioItem>
  );
}
