// jsdom lays nothing out, so every element measures 0×0. Tests of components that size
// themselves (virtualized lists, canvases) give every element one size for the file.
import { afterAll, beforeAll } from "vitest";

const KEYS = ["offsetWidth", "offsetHeight", "clientWidth", "clientHeight"] as const;

/** Every HTMLElement measures `width` × `height` during the calling test file. */
export function stubLayout(width: number, height: number) {
  const saved = KEYS.map((key) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, key));
  beforeAll(() => {
    for (const key of KEYS) {
      Object.defineProperty(HTMLElement.prototype, key, {
        configurable: true,
        get: () => (key.endsWith("Width") ? width : height),
      });
    }
  });
  afterAll(() => {
    KEYS.forEach((key, i) => {
      const descriptor = saved[i];
      if (descriptor) Object.defineProperty(HTMLElement.prototype, key, descriptor);
    });
  });
}
