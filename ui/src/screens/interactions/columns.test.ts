import { describe, expect, it } from "vitest";
import { numberLocale } from "./columns";

describe("numberLocale", () => {
  it("writes numbers of a session without a language as US English, grouped", () => {
    const posix = new Intl.NumberFormat("en-US-u-va-posix");
    expect(posix.format(102775)).toBe("102775");
    expect(new Intl.NumberFormat(numberLocale(posix.resolvedOptions().locale)).format(102775)).toBe(
      "102,775",
    );
  });

  it("keeps a person's own locale", () => {
    for (const locale of ["de-DE", "en-GB", "fr-FR", "en-US"]) {
      expect(numberLocale(locale)).toBeUndefined();
    }
  });
});
