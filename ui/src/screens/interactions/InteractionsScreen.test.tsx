import { act, screen, waitFor, within } from "@testing-library/react";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { installFakeBackend } from "../../test/fakeBackend";
import { fakeRowId } from "../../test/fakeInteractions";
import { renderWithProviders } from "../../test/render";
import { InteractionsScreen } from "./InteractionsScreen";
import { ROW_HEIGHT } from "./InteractionsTable";

// jsdom lays nothing out, so the virtualizer would see a 0px viewport and render no rows.
// Give every element a size: the grid then shows about 20 rows, like a short window.
const VIEWPORT = { width: 1200, height: ROW_HEIGHT * 20 };
const sizes = ["offsetWidth", "offsetHeight", "clientWidth", "clientHeight"] as const;
const saved = sizes.map((key) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, key));

beforeAll(() => {
  for (const key of sizes) {
    Object.defineProperty(HTMLElement.prototype, key, {
      configurable: true,
      get: () => (key.endsWith("Width") ? VIEWPORT.width : VIEWPORT.height),
    });
  }
});

afterAll(() => {
  sizes.forEach((key, i) => {
    const descriptor = saved[i];
    if (descriptor) Object.defineProperty(HTMLElement.prototype, key, descriptor);
  });
});

beforeEach(() => localStorage.clear());

function renderScreen(state: Parameters<typeof installFakeBackend>[0] = {}) {
  const backend = installFakeBackend(state);
  const opened: string[] = [];
  const rendered = renderWithProviders(
    <InteractionsScreen
      onOpenConnections={() => {}}
      onOpenInteraction={(row) => opened.push(row.id)}
    />,
  );
  return { backend, opened, ...rendered };
}

const rows = () => screen.queryAllByTestId("interactions-row");
const rowIds = () => rows().map((row) => row.dataset.rowId);
const headers = () =>
  within(screen.getByTestId("interactions-table"))
    .getAllByRole("columnheader")
    .map((h) => h.dataset.testid);

describe("InteractionsScreen", () => {
  it("shows the first rows of the view, newest first, with the count", async () => {
    renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(rowIds()[0]).toBe(fakeRowId(0));
    // Virtualized: only a window of the 1,000 rows is in the DOM.
    expect(rows().length).toBeLessThan(100);
    expect(screen.getByTestId("interactions-count")).toHaveTextContent("1,000 interactions");
    expect(screen.getByTestId("load-status")).toHaveAttribute("data-status", "done");
  });

  it("keeps only a window of 100,000 rows in the page", async () => {
    renderScreen({ interactionCount: 100_000 });
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(screen.getByTestId("interactions-count")).toHaveTextContent("100,000 interactions");
    expect(rows().length).toBeLessThan(100);
    const table = screen.getByTestId("interactions-table");
    expect(table).toHaveAttribute("aria-rowcount", String(100_000 + 1));
  });

  it("marks in-progress rows LIVE", async () => {
    renderScreen();
    // Row 7 is live in the fake organization.
    const live = await waitFor(() => {
      const row = rows().find((r) => r.dataset.rowId === fakeRowId(7));
      expect(row).toBeDefined();
      return row!;
    });
    expect(within(live).getByText("LIVE")).toBeInTheDocument();
  });

  it("hides and shows a column from the chooser", async () => {
    const { user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(headers()).toContain("column-header-customerName");

    await user.click(screen.getByTestId("column-chooser"));
    await user.click(await screen.findByTestId("column-toggle-customerName"));
    expect(headers()).not.toContain("column-header-customerName");

    await user.click(screen.getByTestId("column-toggle-sentiment"));
    expect(headers()).toContain("column-header-sentiment");
    expect(screen.getByTestId("column-toggle-sentiment")).toBeChecked();
  });

  it("never hides the Conversation ID column", async () => {
    const { user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await user.click(screen.getByTestId("column-chooser"));
    const toggle = await screen.findByTestId("column-toggle-conversationId");
    expect(toggle).toBeChecked();
    expect(toggle).toBeDisabled();
    await user.click(toggle);
    expect(headers()).toContain("column-header-conversationId");
  });

  it("sorts by a column when its header is clicked, and reverses on a second click", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const header = screen.getByTestId("column-header-duration");
    expect(header).toHaveAttribute("aria-sort", "none");

    await user.click(within(header).getByRole("button"));
    await waitFor(() =>
      expect(backend.result.sort).toEqual({ column: "duration", descending: false }),
    );
    expect(header).toHaveAttribute("aria-sort", "ascending");
    await waitFor(() => expect(rowIds()[0]).toBe(backend.result.arranged[0]!.id));

    await user.click(within(header).getByRole("button"));
    await waitFor(() => expect(backend.result.sort.descending).toBe(true));
    expect(header).toHaveAttribute("aria-sort", "descending");
    await waitFor(() => expect(rowIds()[0]).toBe(backend.result.arranged[0]!.id));
    // Sorting arranges the open result; it does not load again.
    expect(backend.results).toHaveLength(1);
  });

  it("changes the sorted header and the rows together, when the sorted rows arrive", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const before = rowIds();
    const asked = backend.callsTo("arrange_interactions").length;
    backend.holdArranges = true;
    const header = screen.getByTestId("column-header-duration");
    await user.click(within(header).getByRole("button"));
    await waitFor(() => expect(backend.callsTo("arrange_interactions")).toHaveLength(asked + 1));
    // While the core sorts, the table stays as it was: no header ahead of its rows.
    expect(header).toHaveAttribute("aria-sort", "none");
    expect(rowIds()).toEqual(before);

    act(() => backend.releaseArranges());
    await waitFor(() => expect(header).toHaveAttribute("aria-sort", "ascending"));
    expect(rowIds()[0]).toBe(backend.result.arranged[0]!.id);
    expect(rowIds()).not.toEqual(before);
  });

  it("keeps a sort clicked while a search is being applied", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const asked = backend.callsTo("arrange_interactions").length;
    backend.holdArranges = true;
    const header = screen.getByTestId("column-header-duration");
    await user.click(within(header).getByRole("button"));
    // The search arranges again before the sort has answered: it carries the sort along.
    await user.type(screen.getByTestId("filter-search"), "a");
    await waitFor(() => expect(backend.callsTo("arrange_interactions")).toHaveLength(asked + 2));
    expect(backend.callsTo("arrange_interactions").at(-1)).toMatchObject({
      sort: { column: "duration", descending: false },
      text: "a",
    });

    act(() => backend.releaseArranges());
    await waitFor(() => expect(header).toHaveAttribute("aria-sort", "ascending"));
    expect(rowIds()[0]).toBe(backend.result.arranged[0]!.id);
  });

  it("keeps the order and the header when the core cannot sort, says so, and tries again on the next click", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const before = rowIds();
    backend.failNext("arrange_interactions", "internal", "The result was closed.");
    const header = screen.getByTestId("column-header-duration");
    await user.click(within(header).getByRole("button"));
    expect(await screen.findByText("Could not sort or search")).toBeInTheDocument();
    expect(header).toHaveAttribute("aria-sort", "none");
    expect(rowIds()).toEqual(before);

    await user.click(within(header).getByRole("button"));
    await waitFor(() => expect(header).toHaveAttribute("aria-sort", "ascending"));
    expect(backend.result.sort).toEqual({ column: "duration", descending: false });
    expect(screen.queryByText("Could not sort or search")).toBeNull();
  });

  it("moves the selection with the keyboard and opens the row with Enter", async () => {
    const { opened, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const table = screen.getByTestId("interactions-table");
    const selectedId = () =>
      rows().find((r) => r.getAttribute("aria-selected") === "true")?.dataset.rowId;

    table.focus();
    await user.keyboard("{ArrowDown}");
    expect(selectedId()).toBe(fakeRowId(0));
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowUp}");
    expect(selectedId()).toBe(fakeRowId(1));
    await user.keyboard("{Enter}");
    expect(opened).toEqual([fakeRowId(1)]);

    await user.keyboard("{PageDown}");
    expect(table.getAttribute("aria-activedescendant")).toMatch(/^irow-\d+$/);
    expect(Number(table.getAttribute("aria-activedescendant")!.slice(5))).toBeGreaterThan(10);
  });

  it("jumps to the last and first rows with End and Home", async () => {
    // Few enough rows that all of them are in the window jsdom (which cannot scroll) shows.
    const { opened, user } = renderScreen({ interactionCount: 10 });
    await waitFor(() => expect(rows()).toHaveLength(10));
    screen.getByTestId("interactions-table").focus();
    await user.keyboard("{End}{Enter}");
    expect(opened).toEqual([fakeRowId(9)]);
    await user.keyboard("{Home}{Enter}");
    expect(opened).toEqual([fakeRowId(9), fakeRowId(0)]);
  });

  it("narrows the rows with the search box", async () => {
    const { user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await user.type(screen.getByTestId("filter-search"), fakeRowId(42));
    await waitFor(() => expect(rowIds()).toEqual([fakeRowId(42)]));
    expect(screen.getByTestId("interactions-count")).toHaveTextContent("1 interaction");
  });

  it("says what to do when the period has no interactions", async () => {
    renderScreen({ interactionCount: 0 });
    const empty = await screen.findByTestId("interactions-empty");
    expect(empty).toHaveTextContent("No interactions in this period");
    expect(within(empty).getByRole("button", { name: "Show the last 30 days" })).toBeEnabled();
    expect(screen.getByTestId("interactions-count")).toHaveTextContent("0 interactions");
  });

  it("shows a failed load with a way to try again", async () => {
    const { backend, user } = renderScreen({ loadMode: "manual" });
    await waitFor(() => expect(backend.results).toHaveLength(1));
    act(() =>
      backend.sendLoadEvent({
        kind: "failed",
        error: { code: "Network", message: "The platform could not be reached." },
      }),
    );
    expect(await screen.findByTestId("load-error")).toHaveTextContent(
      "The platform could not be reached.",
    );
    expect(screen.getByTestId("load-status")).toHaveAttribute("data-status", "failed");

    backend.loadMode = "instant";
    await user.click(screen.getByTestId("load-retry"));
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    expect(backend.results).toHaveLength(2);
  });

  it("shows cached rows with when they were last updated while offline", async () => {
    const { backend } = renderScreen({ loadMode: "manual" });
    await waitFor(() => expect(backend.results).toHaveLength(1));
    act(() =>
      backend.sendLoadEvent({
        kind: "offline",
        lastUpdated: Date.now() - 60 * 60_000,
        message: "No network connection.",
      }),
    );
    const status = await screen.findByTestId("load-status");
    await waitFor(() => expect(status).toHaveAttribute("data-status", "offline"));
    expect(status).toHaveTextContent(/Offline — showing results from/);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
  });

  it("saves the view's columns and sort, and saves a copy under a new name", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await user.click(within(screen.getByTestId("column-header-duration")).getByRole("button"));
    await user.click(await screen.findByTestId("view-save"));
    await waitFor(() =>
      expect(backend.views.find((v) => v.id === "v-today")!.sort).toEqual({
        column: "duration",
        descending: false,
      }),
    );

    await user.click(screen.getByTestId("view-save-as"));
    await user.type(await screen.findByTestId("view-name-input"), "Longest calls");
    await user.click(screen.getByTestId("view-name-submit"));
    await waitFor(() => expect(backend.views.map((v) => v.name)).toContain("Longest calls"));
    await waitFor(() =>
      expect(screen.getByTestId("view-picker")).toHaveTextContent("Longest calls"),
    );
  });

  it("exports the rows as CSV", async () => {
    const { user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await user.click(screen.getByTestId("export-csv"));
    expect(await screen.findByTestId("export-notice")).toHaveTextContent("1,000 rows");
  });

  it("filters by channel through the filter bar", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await user.click(screen.getByTestId("filter-channel"));
    await user.click(await screen.findByRole("checkbox", { name: /email/i }));
    await waitFor(() => expect(backend.results.length).toBeGreaterThan(1));
    expect(backend.result.rows.every((r) => r.channel === "email")).toBe(true);
    await waitFor(() =>
      expect(screen.getByTestId("interactions-count")).toHaveTextContent("125 interactions"),
    );
  });

  it("keeps a resized column's width when the view is saved", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const edge = within(screen.getByTestId("column-header-customerName")).getByRole("separator");
    const before = Number(edge.getAttribute("aria-valuenow"));
    edge.focus();
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(screen.getByTestId("view-modified")).toBeInTheDocument();
    await user.click(screen.getByTestId("view-save"));
    await waitFor(() =>
      expect(
        backend.views.find((v) => v.id === "v-today")!.columns.find((c) => c.id === "customerName")!
          .width,
      ).toBe(before + 32),
    );
  });

  it("renames, duplicates and deletes views from the picker", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const picker = screen.getByTestId("view-picker");

    await user.click(picker);
    await user.click(await screen.findByTestId("view-rename"));
    const name = await screen.findByTestId("view-name-input");
    await user.clear(name);
    await user.type(name, "Today, all queues");
    await user.click(screen.getByTestId("view-name-submit"));
    await waitFor(() => expect(picker).toHaveTextContent("Today, all queues"));

    await user.click(picker);
    await user.click(await screen.findByTestId("view-duplicate"));
    await waitFor(() => expect(picker).toHaveTextContent("Today, all queues (copy)"));
    expect(backend.views).toHaveLength(4);

    await user.click(picker);
    await user.click(await screen.findByTestId("view-delete"));
    await user.click(await screen.findByTestId("view-delete-confirm"));
    await waitFor(() => expect(backend.views).toHaveLength(3));
    expect(backend.views.map((v) => v.name)).not.toContain("Today, all queues (copy)");
  });

  it("records how long the first rows, all rows and a sort took", async () => {
    const { user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await waitFor(() =>
      expect(window.__interactionsTimings?.firstRows).toEqual(expect.any(Number)),
    );
    expect(window.__interactionsTimings?.allRows).toEqual(expect.any(Number));
    await user.click(within(screen.getByTestId("column-header-channel")).getByRole("button"));
    await waitFor(() =>
      expect(window.__interactionsTimings?.lastArrange).toEqual(expect.any(Number)),
    );
    // The core's answer is part of the whole, which goes on to the rows being drawn.
    const { lastArrange, lastArrangeAnswer } = window.__interactionsTimings!;
    expect(lastArrangeAnswer).toEqual(expect.any(Number));
    expect(lastArrangeAnswer).toBeLessThanOrEqual(lastArrange!);
  });

  it("redraws a sort from the rows that came with the arrange, without asking again", async () => {
    const { backend, user } = renderScreen();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const before = rowIds();
    const reads = () => backend.calls.filter((c) => c.command === "interaction_rows").length;
    const readsBefore = reads();
    await user.click(within(screen.getByTestId("column-header-channel")).getByRole("button"));
    await waitFor(() => expect(rowIds()).not.toEqual(before));
    const arrange = backend.calls.findLast((c) => c.command === "arrange_interactions");
    expect(arrange?.args).toMatchObject({ windowOffset: 0, windowLimit: 200 });
    expect(reads()).toBe(readsBefore);
  });

  it("says the platform is unreachable, not that there are no interactions, when offline with nothing saved", async () => {
    const { backend, user } = renderScreen({ loadMode: "manual", interactionCount: 0 });
    await waitFor(() => expect(backend.results).toHaveLength(1));
    act(() =>
      backend.sendLoadEvent({ kind: "offline", lastUpdated: null, message: "No network." }),
    );
    const empty = await screen.findByTestId("interactions-empty");
    expect(empty).toHaveTextContent("Can’t reach the platform");
    expect(empty).not.toHaveTextContent("No interactions in this period");
    await user.click(within(empty).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(backend.results).toHaveLength(2));
  });

  it("shows how far a large download has got, and can stop it", async () => {
    const { backend, user } = renderScreen({ loadMode: "manual" });
    await waitFor(() => expect(backend.results).toHaveLength(1));
    act(() =>
      backend.sendLoadEvent({
        kind: "progress",
        phase: "downloading",
        loaded: 25_000,
        expected: 100_000,
      }),
    );
    expect(await screen.findByRole("progressbar")).toHaveAttribute("aria-valuenow", "25");
    expect(screen.getByTestId("load-status")).toHaveTextContent("Downloading 25,000 of 100,000");
    await user.click(screen.getByTestId("load-cancel"));
    await waitFor(() =>
      expect(screen.getByTestId("load-status")).toHaveAttribute("data-status", "cancelled"),
    );
  });

  it("counts all rows as loaded once they are being saved for offline use", async () => {
    const { backend } = renderScreen({ loadMode: "manual" });
    await waitFor(() => expect(backend.results).toHaveLength(1));
    window.__interactionsTimings!.allRows = null;
    act(() =>
      backend.sendLoadEvent({
        kind: "progress",
        phase: "downloading",
        loaded: 90_000,
        expected: 100_000,
      }),
    );
    expect(window.__interactionsTimings?.allRows).toBeNull();
    act(() =>
      backend.sendLoadEvent({
        kind: "progress",
        phase: "saving",
        loaded: 100_000,
        expected: 100_000,
      }),
    );
    expect(await screen.findByTestId("load-status")).toHaveTextContent("Saving for offline use…");
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(window.__interactionsTimings?.allRows).toEqual(expect.any(Number));
  });

  it("opens the selected row in a side panel when no one else handles it", async () => {
    installFakeBackend();
    const { user } = renderWithProviders(<InteractionsScreen onOpenConnections={() => {}} />);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    screen.getByTestId("interactions-table").focus();
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(await screen.findByTestId("interaction-panel-id")).toHaveTextContent(fakeRowId(1));
  });
});
