import { OfficeMockObject } from 'office-addin-mock';
import { parseA1, parseRangeA1, toA1, type CellRange } from '../../src/core/sheet/address';
import type { CellValue } from '../../src/core/sheet/grid';
import type { CellLook } from '../../src/core/edits/looks';
import type { ExcelApi } from '../../src/hosts/excel/excel-host';
import { boundingArea } from '../helpers/form-builder';

/**
 * A small Excel behind Office.js semantics, for the Excel host's tests. Proxies are office-addin-mock
 * OfficeMockObjects: a property read before `context.sync()` gives the mock's "not loaded" error value,
 * so a host that reads too early gets garbage. Writes (property sets and method calls) are queued in
 * call order and applied at the next sync, as Excel does; `syncs` counts the round trips.
 */
export interface FakeCell {
  value: CellValue;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  /** The look the add-in gave the cell (fonts, fill, wrapping, alignment, borders), as Excel would show it. */
  look?: CellLook;
}

export interface FakeSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<string, FakeCell>;
  merges: CellRange[];
  /** Print setup (ExcelApi 1.9 pageLayout) and frozen rows (1.7), as the add-in set them. */
  print?: {
    orientation?: string;
    fitWide?: number;
    /** The whole zoom the add-in set (scale, or pages wide and tall). */
    zoom?: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
    titleRows?: string;
    centered?: boolean;
    header?: string;
    leftFooter?: string;
    rightFooter?: string;
  };
  /** Column widths the add-in set, in characters (Excel's points / 7), by column number. */
  widths?: Record<number, number>;
  /** Whether the add-in drew borders on the sheet. */
  frozenRows?: number;
}

type Op = () => void;
type Loose = Record<string, unknown> & { [key: string]: any };

export class FakeExcel {
  sheets: FakeSheet[] = [];
  active = '';
  selected: { sheet: string; cell: string } | null = null;
  settings = new Map<string, unknown>();
  notes = new Map<string, string>();
  comments = new Map<string, string>();
  syncs = 0;
  /** Cells one sync may load before Excel answers "payload too large" (Excel on the web's limit). */
  maxCellsPerSync = Infinity;
  private changeHandlers: Array<(event: { worksheetId: string; triggerSource?: string }) => Promise<void>> = [];

  /** Someone changes a sheet: handlers hear of it (ExcelApi 1.14 says whether it was this add-in). */
  async someoneChanges(sheet: string, triggerSource = 'Unknown'): Promise<void> {
    for (const handler of this.changeHandlers) await handler({ worksheetId: sheet, triggerSource });
  }

  private selectionHandlers: Array<(event: { worksheetId: string; address: string }) => Promise<void>> = [];
  private queue: Op[] = [];
  private afterSync: Op[] = [];
  private failure: { code: string; message: string } | null = null;
  private loadedCells = 0;

  constructor(readonly apiMinor: number) {}

  supports = (version: string): boolean => Number(version.split('.')[1]) <= this.apiMinor;

  /** The user selects a range in the sheet: registered handlers hear of it (sheet ids are names here). */
  async userSelects(sheet: string, address: string): Promise<void> {
    for (const handler of this.selectionHandlers) await handler({ worksheetId: sheet, address });
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  addSheet(name: string): FakeSheet {
    const sheet: FakeSheet = { name, visibility: 'Visible', cells: new Map(), merges: [] };
    this.sheets.push(sheet);
    if (!this.active) this.active = name;
    return sheet;
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    return this.sheet(sheet)?.cells.get(address);
  }

  api(): ExcelApi {
    return {
      run: async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
        const context = new OfficeMockObject({
          sync: async () => this.sync(),
          workbook: {},
        }) as unknown as Loose;
        context.workbook = this.workbookProxy();
        const result = await batch(context as unknown as Excel.RequestContext);
        this.queue = [];
        this.afterSync = [];
        return result;
      },
    };
  }

  /** Excel refusing a coming round trip (a protected sheet, a cell being edited): the `after`-th sync from now fails. */
  refuseSync(code: string, after = 1): void {
    this.refusals.push({ code, at: this.syncs + after });
  }

  private refusals: Array<{ code: string; at: number }> = [];

  private async sync(): Promise<void> {
    this.syncs++;
    const refusal = this.refusals.find((r) => r.at === this.syncs);
    if (refusal) {
      this.refusals = this.refusals.filter((r) => r !== refusal);
      this.queue = [];
      this.afterSync = [];
      throw Object.assign(new Error(`refused: ${refusal.code}`), { code: refusal.code });
    }
    const failure = this.failure;
    const tooLarge = this.loadedCells > this.maxCellsPerSync;
    const ops = this.queue;
    const after = this.afterSync;
    this.queue = [];
    this.afterSync = [];
    this.failure = null;
    this.loadedCells = 0;
    if (tooLarge)
      throw Object.assign(new Error('Response payload size limit exceeded'), {
        code: 'ResponsePayloadSizeLimitExceeded',
      });
    for (const op of ops) op();
    if (failure) throw Object.assign(new Error(failure.message), { code: failure.code });
    for (const op of after) op();
  }

  private fail(code: string, message: string): void {
    this.failure ??= { code, message };
  }

  // ---- proxies ------------------------------------------------------------------------------------

  private workbookProxy(): Loose {
    return {
      worksheets: this.worksheetsProxy(),
      settings: {
        getItemOrNullObject: (key: string) =>
          this.loadable(() => ({ value: this.settings.get(key) ?? null, isNullObject: !this.settings.has(key) }), {
            delete: () => this.queue.push(() => this.settings.delete(key)),
          }),
        add: (key: string, value: unknown) => this.queue.push(() => this.settings.set(key, value)),
      },
      notes: this.messageCollection(this.notes, true),
      comments: this.messageCollection(this.comments, false),
    };
  }

  private worksheetsProxy(): Loose {
    const collection: Loose = {
      items: 'Error, property was not loaded',
      load: () => {
        this.afterSync.push(() => {
          collection.items = this.sheets.map((s) => this.worksheetProxy(s.name, true));
        });
        return collection;
      },
      getActiveWorksheet: () => this.worksheetProxy(this.active, false),
      onChanged: {
        add: (handler: (event: { worksheetId: string; triggerSource?: string }) => Promise<void>) =>
          void this.queue.push(() => this.changeHandlers.push(handler)),
      },
      onSelectionChanged: {
        add: (handler: (event: { worksheetId: string; address: string }) => Promise<void>) =>
          void this.queue.push(() => this.selectionHandlers.push(handler)),
      },
      getItem: (name: string) => {
        if (!this.sheet(name)) this.fail('ItemNotFound', `no sheet ${name}`);
        return this.worksheetProxy(name, false);
      },
      getItemOrNullObject: (name: string) => this.worksheetProxy(name, false, true),
      add: (name: string) => {
        this.queue.push(() => {
          if (this.sheet(name)) throw new Error(`sheet ${name} exists`);
          this.addSheet(name);
        });
        return this.worksheetProxy(name, false);
      },
    };
    return collection;
  }

  private worksheetProxy(name: string, loaded: boolean, orNull = false): Loose {
    const data = () => ({
      name,
      visibility: this.sheet(name)?.visibility ?? 'Visible',
      isNullObject: orNull && !this.sheet(name),
    });
    const methods = {
      getUsedRange: () => this.rangeProxy(name, () => this.usedRange(name)),
      getRange: (address: string) => this.rangeProxy(name, () => parseRangeA1(address) ?? columnRange(address)),
      activate: () => this.queue.push(() => (this.active = name)),
      freezePanes: {
        freezeRows: (count: number) => this.queue.push(() => (this.sheet(name)!.frozenRows = count)),
      },
      pageLayout: {
        orientation: 'Portrait',
        centerHorizontally: false,
        load: () => undefined,
        headersFooters: { defaultForAllPages: { centerHeader: '', leftFooter: '', rightFooter: '' } },
        setPrintTitleRows: (rows: string) => this.queue.push(() => (this.print(name).titleRows = rows)),
      },
      delete: () =>
        this.queue.push(() => {
          this.sheets = this.sheets.filter((s) => s.name !== name);
        }),
    };
    const proxy = this.loadable(data, methods, (prop, value) => {
      if (prop === 'visibility')
        this.queue.push(() => (this.sheet(name)!.visibility = value as FakeSheet['visibility']));
    });
    if (loaded) silently(() => Object.assign(proxy, data()));
    // ExcelApi 1.9's page layout: orientation and zoom (fit to pages) are applied at sync.
    trackSet(proxy.pageLayout as Loose, (prop, value) => {
      if (prop === 'orientation') this.queue.push(() => (this.print(name).orientation = String(value)));
      if (prop === 'centerHorizontally') this.queue.push(() => (this.print(name).centered = Boolean(value)));
    });
    // The zoom as the sheet has it (a new sheet prints at 100 %), set at sync like every write.
    Object.defineProperty(proxy.pageLayout as Loose, 'zoom', {
      get: () => this.sheet(name)?.print?.zoom ?? { scale: 100 },
      set: (value: NonNullable<FakeSheet['print']>['zoom']) =>
        this.queue.push(() => {
          this.print(name).zoom = value;
          this.print(name).fitWide = value?.horizontalFitToPages;
        }),
    });
    trackSet((proxy.pageLayout as Loose).headersFooters.defaultForAllPages as Loose, (prop, value) => {
      const print = () => this.print(name);
      if (prop === 'centerHeader') this.queue.push(() => (print().header = String(value)));
      if (prop === 'leftFooter') this.queue.push(() => (print().leftFooter = String(value)));
      if (prop === 'rightFooter') this.queue.push(() => (print().rightFooter = String(value)));
    });
    return proxy;
  }

  private print(name: string): NonNullable<FakeSheet['print']> {
    return (this.sheet(name)!.print ??= {});
  }

  private rangeProxy(sheetName: string, area: () => CellRange): Loose {
    const snapshot = () => {
      const { top, left, bottom, right } = area();
      const sheet = this.sheet(sheetName);
      const grid = <T>(pick: (cell: FakeCell | undefined) => T): T[][] => {
        const rows: T[][] = [];
        // A stray value far away: Excel never sends such an area in one answer, and the fake cannot build it.
        if ((bottom - top + 1) * (right - left + 1) > 5_000_000) return rows;
        for (let r = top; r <= bottom; r++) {
          const row: T[] = [];
          for (let c = left; c <= right; c++) row.push(pick(sheet?.cells.get(toA1(r, c))));
          rows.push(row);
        }
        return rows;
      };
      const first = sheet?.cells.get(toA1(top, left));
      return {
        address: `${sheetName}!${toA1(top, left)}:${toA1(bottom, right)}`,
        rowIndex: top - 1,
        columnIndex: left - 1,
        rowCount: bottom - top + 1,
        columnCount: right - left + 1,
        values: grid((c) => (c?.value ?? '') as unknown),
        formulas: grid((c) => (c?.formula ?? c?.value ?? '') as unknown),
        numberFormat: grid((c) => c?.numberFormat ?? 'General'),
        format: {
          fill: { color: first?.fill ?? '#FFFFFF' },
          font: { bold: false, size: 11, color: '#000000', underline: 'None' },
          columnWidth: 64,
          wrapText: false,
          verticalAlignment: 'Bottom',
          horizontalAlignment: 'General',
        },
      };
    };
    const write = (apply: (cell: FakeCell, row: number, col: number) => void) => {
      const { top, left, bottom, right } = area();
      const sheet = this.sheet(sheetName);
      if (!sheet) return;
      for (let r = top; r <= bottom; r++) {
        for (let c = left; c <= right; c++) {
          const key = toA1(r, c);
          const cell = sheet.cells.get(key) ?? { value: null, formula: null, numberFormat: 'General', fill: null };
          apply(cell, r - top, c - left);
          sheet.cells.set(key, cell);
        }
      }
    };
    const range = this.loadable(
      snapshot,
      {
        getMergedAreasOrNullObject: () =>
          this.loadable(() => {
            const { top, left, bottom, right } = area();
            const inside = (this.sheet(sheetName)?.merges ?? []).filter(
              (m) => m.top >= top && m.bottom <= bottom && m.left >= left && m.right <= right,
            );
            return {
              isNullObject: inside.length === 0,
              address: inside.map((m) => `${sheetName}!${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`).join(','),
            };
          }, {}),
        select: () =>
          this.queue.push(() => (this.selected = { sheet: sheetName, cell: toA1(area().top, area().left) })),
        merge: () => this.queue.push(() => this.sheet(sheetName)?.merges.push(area())),
      },
      (prop, value) => {
        const matrix = value as unknown[][];
        if (prop === 'values')
          this.queue.push(() => write((cell, r, c) => storeTyped(cell, matrix[r]?.[c] ?? matrix[0][0])));
        if (prop === 'formulas')
          this.queue.push(() => write((cell, r, c) => storeFormula(cell, String(matrix[r]?.[c] ?? ''))));
        if (prop === 'numberFormat')
          this.queue.push(() => write((cell, r, c) => (cell.numberFormat = String(matrix[r]?.[c] ?? matrix[0][0]))));
      },
      'range',
    );
    const count = () => {
      const { top, left, bottom, right } = area();
      return (bottom - top + 1) * (right - left + 1);
    };
    const load = range.load.bind(range);
    range.load = (props: unknown) => {
      if (typeof props === 'string' && /values|formulas|numberFormat/.test(props)) this.loadedCells += count();
      return load(props);
    };
    // format.fill.color / clear(), format.font.bold, format.columnWidth: writes applied at sync.
    // The look of a sheet the add-in adds: font, fill, wrapping, alignment and borders, per cell.
    const setLook = (look: CellLook) => this.queue.push(() => write((cell) => (cell.look = { ...cell.look, ...look })));
    const fill = range.format.fill as Loose;
    trackSet(fill, (prop, value) => {
      if (prop !== 'color') return;
      this.queue.push(() => write((cell) => (cell.fill = String(value).toUpperCase())));
      setLook({ fill: String(value).replace('#', '').toUpperCase() });
    });
    fill.clear = () => this.queue.push(() => write((cell) => (cell.fill = null)));
    trackSet(range.format.font as Loose, (prop, value) => {
      if (prop === 'bold') setLook({ bold: value === true });
      if (prop === 'size') setLook({ size: Number(value) });
      if (prop === 'underline') setLook({ link: value === 'Single' });
    });
    const format = range.format as Loose;
    trackSet(format, (prop, value) => {
      if (prop === 'wrapText') setLook({ wrap: value === true });
      if (prop === 'verticalAlignment') setLook({ vertical: String(value).toLowerCase() as CellLook['vertical'] });
      if (prop === 'horizontalAlignment' && value === 'Center') setLook({ horizontal: 'center' });
      if (prop === 'columnWidth')
        this.queue.push(() => {
          const sheet = this.sheet(sheetName);
          if (sheet) (sheet.widths ??= {})[area().left] = Number(value) / 7;
        });
    });
    format.borders = {
      getItem: () => {
        const border: Loose = {};
        Object.defineProperty(border, 'style', {
          set: () => setLook({ border: true }),
        });
        return border;
      },
    };
    return range;
  }

  private messageCollection(store: Map<string, string>, orNull: boolean): Loose {
    const key = (address: string) => normaliseAddress(address);
    const collection: Loose = {
      items: 'Error, property was not loaded',
      add: (address: string, content: string) =>
        this.queue.push(() => {
          if (store.has(key(address))) throw new Error('cell already has one');
          store.set(key(address), content);
        }),
      load: () => {
        this.afterSync.push(() => {
          collection.items = [...store.entries()].map(([where, content]) => ({
            content,
            delete: () => this.queue.push(() => store.delete(where)),
            // The cell a comment or note is on, as Excel writes its address (sheet quoted when it must be).
            getLocation: () => this.loadable(() => ({ address: excelAddress(where) }), {}),
          }));
        });
        return collection;
      },
      // A cell without one fails the whole batch, as in Excel.
      getItemByCell: (address: string) => ({
        delete: () =>
          this.queue.push(() => {
            if (!store.delete(key(address))) throw new Error('ItemNotFound');
          }),
      }),
    };
    if (orNull) {
      collection.getItemOrNullObject = (address: string) =>
        this.loadable(() => ({ content: store.get(key(address)) ?? null, isNullObject: !store.has(key(address)) }), {
          delete: () => this.queue.push(() => store.delete(key(address))),
        });
    }
    return collection;
  }

  /**
   * An OfficeMockObject whose data is taken when `sync` runs (as Excel would answer), with methods
   * and an optional hook for property writes.
   */
  private loadable(
    data: () => Record<string, unknown>,
    methods: Record<string, unknown>,
    onSet?: (prop: string, value: unknown) => void,
    kind = 'object',
  ): Loose {
    const initial = data();
    // office-addin-mock takes every object as a nested proxy, null included: hand it undefined.
    const mock = new OfficeMockObject(withoutNulls({ ...initial, ...methods })) as unknown as Loose;
    const loadedProps = new Set<string>();
    const load = mock.load.bind(mock);
    mock.load = (props?: string | string[]) => {
      const list =
        props === undefined
          ? Object.keys(initial)
          : (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim().split('/')[0]);
      for (const p of list) loadedProps.add(p);
      this.afterSync.push(() => {
        const fresh = data();
        silently(() => {
          // Office.js fills isNullObject on every loaded object.
          if ('isNullObject' in fresh) mock.isNullObject = fresh.isNullObject;
          for (const p of loadedProps) {
            if (p === 'format') copyLoaded(mock.format, fresh.format as Record<string, unknown>);
            else mock[p] = fresh[p];
          }
        });
      });
      silently(() =>
        load(props === undefined ? undefined : (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim())),
      );
      return mock;
    };
    if (onSet) trackSet(mock, onSet);
    void kind;
    return mock;
  }

  private usedRange(name: string): CellRange {
    const cells = [...(this.sheet(name)?.cells ?? [])];
    return boundingArea(
      cells.filter(([, c]) => c.value !== null || c.formula !== null || c.fill !== null).map(([address]) => address),
    );
  }
}

/** Intercept property writes on an object (Office.js queues them; so does the fake). */
function trackSet(target: Loose, onSet: (prop: string, value: unknown) => void): void {
  for (const prop of Object.keys(target)) {
    if (
      prop.startsWith('_') ||
      typeof target[prop] === 'function' ||
      (typeof target[prop] === 'object' && target[prop] !== null && !Array.isArray(target[prop]))
    )
      continue;
    let current = target[prop];
    Object.defineProperty(target, prop, {
      get: () => current,
      set: (value) => {
        if (!FakeWriteGuard.silent) onSet(prop, value);
        current = value;
      },
      configurable: true,
    });
  }
}

/** Loading values back into a proxy must not look like a user write. */
const FakeWriteGuard = { silent: false };

function withoutNulls(data: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    copy[key] =
      value === null
        ? undefined
        : value && typeof value === 'object' && !Array.isArray(value) && typeof value !== 'function'
          ? withoutNulls(value as Record<string, unknown>)
          : value;
  }
  return copy;
}

function silently<T>(action: () => T): T {
  const before = FakeWriteGuard.silent;
  FakeWriteGuard.silent = true;
  try {
    return action();
  } finally {
    FakeWriteGuard.silent = before;
  }
}

function copyLoaded(target: Loose, fresh: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fresh)) {
    if (value && typeof value === 'object' && !Array.isArray(value))
      copyLoaded(target[key] as Loose, value as Record<string, unknown>);
    else target[key] = value;
  }
}

function storeTyped(cell: FakeCell, value: unknown): void {
  cell.formula = null;
  if (typeof value === 'string' && value.startsWith("'")) cell.value = value.slice(1);
  else if (typeof value === 'string' && value.startsWith('=')) {
    // What Excel would do with text it was handed: make it a formula. The host must never let it.
    cell.formula = value;
    cell.value = '#FORMULA';
  } else if (value === '') cell.value = null;
  else cell.value = value as CellValue;
}

function storeFormula(cell: FakeCell, formula: string): void {
  if (!formula.startsWith('=')) return storeTyped(cell, formula);
  cell.formula = formula;
  const shown = /"([^"]*)"\)$/.exec(formula);
  cell.value = shown ? shown[1] : null;
}

function columnRange(address: string): CellRange {
  const match = /^([A-Z]+):([A-Z]+)$/.exec(address);
  if (!match) throw new Error(`bad address ${address}`);
  const left = parseA1(`${match[1]}1`)!.col;
  const right = parseA1(`${match[2]}1`)!.col;
  return { top: 1, left, bottom: 1, right };
}

/** `表 一!A1` as Excel gives a range's address: `'表 一'!A1` (quoted when the name has spaces or symbols). */
function excelAddress(where: string): string {
  const bang = where.lastIndexOf('!');
  const sheet = where.slice(0, bang);
  const quoted = /^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${where.slice(bang + 1)}`;
}

function normaliseAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  const sheet = address
    .slice(0, bang)
    .replace(/^'(.*)'$/, '$1')
    .replace(/''/g, "'");
  return `${sheet}!${address.slice(bang + 1)}`;
}
