import { Tabs as RadixTabs } from "radix-ui";
import type { ComponentProps } from "react";

import "./primitives.css";

export const Tabs = RadixTabs.Root;

export function TabList({ className, ...rest }: ComponentProps<typeof RadixTabs.List>) {
  return <RadixTabs.List className={["tab-list", className].filter(Boolean).join(" ")} {...rest} />;
}

export function Tab({ className, ...rest }: ComponentProps<typeof RadixTabs.Trigger>) {
  return <RadixTabs.Trigger className={["tab", className].filter(Boolean).join(" ")} {...rest} />;
}

export function TabPanel({ className, ...rest }: ComponentProps<typeof RadixTabs.Content>) {
  return (
    <RadixTabs.Content className={["tab-panel", className].filter(Boolean).join(" ")} {...rest} />
  );
}
