import { parseA1, parseRangeA1, toA1, type CellRange } from '../../src/core/sheet/address';
import type { CellValue } from '../../src/core/sheet/grid';
import type { CellLook } from '../../src/core/edits/looks';
import type { EtApplication } from '../../src/hosts/wps/et-model';
import { boundingArea } from '../helpers/areas';

/**
 * A WPS 表格 (ET) object model for tests: sheets as cell maps, merges, comments and BGR fills, with
 * the shapes and quirks of the real API — Value2 is a scalar for one cell and (with `flatRows`) a
 * flat array for one row; NumberFormat is one string when uniform and null when mixed; `Address`
 * can be a method. Every property read or method call across the "bridge" is counted.
 */
export interface EtCell {
  value: CellValue;
  formula: string | null;
  numberFormat: string;
  fill: number | null;
  comment: string | null;
  /** The look the add-in gave the cell (fonts, fill, wrapping, alignment, borders), as WPS would show it. */
  look?: CellLook;
}

export interface EtSheetData {
  name: string;
  visible: number;
  cells: Map<string, EtCell>;
  merges: CellRange[];
  /** PageSetup as the add-in set it (Orientation 2 is landscape; FitToPagesWide with Zoom off). */
  print?: {
    Orientation?: number;
    Zoom?: unknown;
    FitToPagesWide?: number;
    FitToPagesTall?: unknown;
    PrintTitleRows?: string;
    CenterHorizontally?: boolean;
    CenterHeader?: string;
    LeftFooter?: string;
    RightFooter?: string;
  };
  /** Column widths the add-in set, in characters, by column number. */
  widths?: Record<number, number>;
  /** Rows frozen at the top (the window's FreezePanes while the sheet was active). */
  frozenRows?: number;
}

const WHITE = 16777215;

export class FakeEt {
  sheets: EtSheetData[] = [];
  active = '';
  selected: { sheet: string; cell: string } | null = null;
  calls = 0;
  DisplayAlerts = true;

  constructor(readonly quirks: { flatRows?: boolean; addressAsMethod?: boolean } = {}) {}

  addSheet(name: string): EtSheetData {
    const sheet: EtSheetData = { name, visible: -1, cells: new Map(), merges: [] };
    this.sheets.push(sheet);
    if (!this.active) this.active = name;
    return sheet;
  }

  sheet(name: string): EtSheetData | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  cell(sheet: string, address: string): EtCell | undefined {
    return this.sheet(sheet)?.cells.get(address);
  }

  application(): EtApplication {
    const fake = this;
    return this.counted(
      {
        ActiveWorkbook: this.counted({ Worksheets: this.worksheets() }),
        // What the pane looks for to know it runs in WPS 表格 (detect-host.ts), as on the real object.
        Workbooks: this.counted({ Count: 1 }),
        get DisplayAlerts() {
          return fake.DisplayAlerts;
        },
        set DisplayAlerts(value: boolean) {
          fake.DisplayAlerts = value;
        },
        // The window of the active sheet: freezing acts on whichever sheet is active, as in WPS.
        ActiveWindow: this.counted({
          SplitRow: 0,
          SplitColumn: 0,
          set FreezePanes(frozen: boolean) {
            const sheet = fake.sheet(fake.active);
            if (sheet) sheet.frozenRows = frozen ? this.SplitRow : 0;
          },
        }),
      },
      { ActiveSheet: () => this.worksheet(this.active) },
    ) as unknown as EtApplication;
  }

  /**
   * Counts every property read and call on the object (the cost of crossing the bridge). As on the
   * real bridge, a method works only when called on its object: taken off it and called alone (or
   * bound to something else), it throws.
   */
  private counted<T extends object>(target: T, computed: Record<string, () => unknown> = {}): T {
    const proxy: T = new Proxy(target, {
      get: (object, key, receiver) => {
        if (typeof key === 'string') this.calls++;
        if (typeof key === 'string' && key in computed) return computed[key]();
        const value = Reflect.get(object, key, receiver);
        if (typeof value !== 'function' || typeof key !== 'string') return value;
        return function bridged(this: unknown, ...args: unknown[]) {
          if (this !== proxy) throw new TypeError(`WPS 桥接：${key} 必须在其对象上调用`);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
    return proxy;
  }

  private worksheets() {
    const fake = this;
    return this.counted({
      get Count() {
        return fake.sheets.length;
      },
      Item: (index: number | string) => {
        const sheet = typeof index === 'number' ? this.sheets[index - 1] : this.sheet(index);
        if (!sheet) throw new Error('下标越界');
        return this.worksheet(sheet.name);
      },
      Add: (_before: unknown, after: { Name: string } | null) => {
        let n = this.sheets.length + 1;
        while (this.sheet(`Sheet${n}`)) n++;
        const sheet: EtSheetData = { name: `Sheet${n}`, visible: -1, cells: new Map(), merges: [] };
        const index = after ? this.sheets.findIndex((s) => s.name === after.Name) + 1 : 0;
        this.sheets.splice(index, 0, sheet);
        return this.worksheet(sheet.name);
      },
    });
  }

  private worksheet(initialName: string) {
    const fake = this;
    let name = initialName;
    const data = () => {
      const sheet = fake.sheet(name);
      if (!sheet) throw new Error(`工作表已删除：${name}`);
      return sheet;
    };
    return this.counted({
      get Name() {
        return name;
      },
      set Name(value: string) {
        if (fake.sheet(value)) throw new Error('名称重复');
        data().name = value;
        if (fake.active === name) fake.active = value;
        name = value;
      },
      get Visible() {
        return data().visible;
      },
      set Visible(value: number) {
        data().visible = value;
      },
      get UsedRange() {
        return fake.range(name, usedArea(data()));
      },
      Range: (address: string) => fake.range(name, address),
      // Every property the add-in sets is kept, as WPS keeps a sheet's print setup.
      get PageSetup() {
        return (data().print ??= {});
      },
      Activate: () => {
        fake.active = name;
      },
      Delete: () => {
        if (fake.DisplayAlerts) throw new Error('删除工作表需要确认（DisplayAlerts 未关闭）');
        fake.sheets = fake.sheets.filter((s) => s.name !== name);
      },
    });
  }

  private range(sheetName: string, address: string | CellRange): unknown {
    const fake = this;
    const areas =
      typeof address === 'string' ? address.split(',').map((a) => parseRangeA1(a.replace(/\$/g, ''))!) : [address];
    if (areas.some((a) => !a)) throw new Error(`bad address ${String(address)}`);
    const [area] = areas;
    const rows = area.bottom - area.top + 1;
    const cols = area.right - area.left + 1;
    const sheet = () => fake.sheet(sheetName)!;
    const cellsOf = (fn: (key: string, row: number, col: number) => void) => {
      for (const a of areas)
        for (let r = a.top; r <= a.bottom; r++)
          for (let c = a.left; c <= a.right; c++) fn(toA1(r, c), r - a.top, c - a.left);
    };
    const get = (key: string): EtCell =>
      sheet().cells.get(key) ?? { value: null, formula: null, numberFormat: 'General', fill: null, comment: null };
    const put = (key: string, change: Partial<EtCell>) => sheet().cells.set(key, { ...get(key), ...change });
    const setLook = (look: CellLook) => cellsOf((key) => put(key, { look: { ...get(key).look, ...look } }));
    const shaped = (pick: (cell: EtCell) => unknown): unknown => {
      const matrix: unknown[][] = [];
      for (let r = area.top; r <= area.bottom; r++) {
        const row: unknown[] = [];
        for (let c = area.left; c <= area.right; c++) row.push(pick(get(toA1(r, c))));
        matrix.push(row);
      }
      if (rows === 1 && cols === 1) return matrix[0][0];
      if (rows === 1 && fake.quirks.flatRows) return matrix[0];
      return matrix;
    };
    const assign = (value: unknown, write: (key: string, v: unknown) => void) => {
      cellsOf((key, r, c) => {
        const v = Array.isArray(value)
          ? Array.isArray(value[0])
            ? (value as unknown[][])[r]?.[c]
            : (value as unknown[])[c]
          : value;
        write(key, v);
      });
    };
    const mergeAt = (row: number, col: number) =>
      sheet().merges.find((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right);
    const addressText = `$${toA1(area.top, area.left).replace(/(\d+)$/, '$$$1')}:$${toA1(area.bottom, area.right).replace(/(\d+)$/, '$$$1')}`;
    return this.counted({
      get Value2() {
        return shaped((c) => (c.value === null ? undefined : c.value));
      },
      set Value2(value: unknown) {
        assign(value, (key, v) => {
          if (typeof v === 'string' && v.startsWith("'")) put(key, { value: v.slice(1), formula: null });
          else if (typeof v === 'string' && v.startsWith('=')) put(key, { value: '#FORMULA', formula: v });
          else put(key, { value: v === '' || v === undefined ? null : (v as CellValue), formula: null });
        });
      },
      get Formula() {
        return shaped((c) => c.formula ?? (c.value === null ? '' : c.value));
      },
      set Formula(value: unknown) {
        assign(value, (key, v) => {
          const text = String(v ?? '');
          const shown = /"([^"]*)"\)$/.exec(text);
          put(
            key,
            text.startsWith('=')
              ? { formula: text, value: shown ? shown[1] : null }
              : { value: text === '' ? null : text.replace(/^'/, ''), formula: null },
          );
        });
      },
      get NumberFormat() {
        const formats = new Set<string>();
        cellsOf((key) => formats.add(get(key).numberFormat));
        return formats.size === 1 ? [...formats][0] : null;
      },
      set NumberFormat(value: unknown) {
        cellsOf((key) => put(key, { numberFormat: String(value) }));
      },
      Row: area.top,
      Column: area.left,
      Rows: { Count: rows },
      Columns: { Count: cols },
      get MergeCells() {
        let merged = 0;
        let total = 0;
        cellsOf((key) => {
          const { row, col } = parseA1(key)!;
          total++;
          if (mergeAt(row, col)) merged++;
        });
        return merged === 0 ? false : merged === total ? true : null;
      },
      get MergeArea() {
        const m = mergeAt(area.top, area.left) ?? {
          top: area.top,
          left: area.left,
          bottom: area.top,
          right: area.left,
        };
        return fake.range(sheetName, m);
      },
      Address: fake.quirks.addressAsMethod ? () => addressText : addressText,
      Interior: fake.counted({
        get Color() {
          return get(toA1(area.top, area.left)).fill ?? WHITE;
        },
        set Color(value: number) {
          cellsOf((key) => put(key, { fill: value }));
          setLook({ fill: bgrHex(value) });
        },
        get ColorIndex() {
          return get(toA1(area.top, area.left)).fill === null ? -4142 : 1;
        },
        set ColorIndex(value: number) {
          if (value === -4142) cellsOf((key) => put(key, { fill: null }));
        },
      }),
      get Comment() {
        const key = toA1(area.top, area.left);
        const text = get(key).comment;
        return text === null ? null : fake.counted({ Text: () => text, Delete: () => put(key, { comment: null }) });
      },
      AddComment: (text: string) => {
        const key = toA1(area.top, area.left);
        if (get(key).comment !== null) throw new Error('单元格已有批注');
        put(key, { comment: text });
        return {};
      },
      Select: () => {
        fake.selected = { sheet: sheetName, cell: toA1(area.top, area.left) };
      },
      Merge: () => {
        sheet().merges.push(area);
      },
      set ColumnWidth(width: number) {
        (sheet().widths ??= {})[area.left] = width;
      },
      Borders: {
        set LineStyle(_style: number) {
          setLook({ border: true });
        },
      },
      Font: {
        set Bold(bold: boolean) {
          setLook({ bold });
        },
        set Size(size: number) {
          setLook({ size });
        },
        set Color(_colour: number) {},
        set Underline(style: number) {
          setLook({ link: style === 2 });
        },
      },
      set WrapText(wrap: boolean) {
        setLook({ wrap });
      },
      set VerticalAlignment(value: number) {
        setLook({ vertical: value === -4160 ? 'top' : value === -4108 ? 'center' : 'bottom' });
      },
      set HorizontalAlignment(value: number) {
        if (value === -4108) setLook({ horizontal: 'center' });
      },
    });
  }
}

function usedArea(sheet: EtSheetData): CellRange {
  return boundingArea(
    [...sheet.cells]
      .filter(([, c]) => c.value !== null || c.formula !== null || c.fill !== null || c.comment !== null)
      .map(([key]) => key),
  );
}

/** An ET colour (BGR as a number) as RRGGBB. */
function bgrHex(value: number): string {
  const hex = (part: number) => part.toString(16).padStart(2, '0');
  return `${hex(value & 0xff)}${hex((value >> 8) & 0xff)}${hex((value >> 16) & 0xff)}`.toUpperCase();
}
