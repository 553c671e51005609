import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { parseStringPromise } from 'xml2js';

/** Offline manifest check (the online `npm run validate` service is not reachable from intranets). */
const ROOT = path.join(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');

type Xml = Record<string, unknown>;
const all = (node: unknown, name: string): Xml[] => {
  const found: Xml[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Xml)) {
        if (key === name) (Array.isArray(child) ? child : [child]).forEach((c) => found.push(c as Xml));
        walk(child);
      }
    }
  };
  walk(node);
  return found;
};
const attr = (node: Xml, name: string) => ((node.$ as Record<string, string> | undefined) ?? {})[name];

describe('manifest.xml', () => {
  let xml: Xml;
  beforeAll(async () => {
    xml = await parseStringPromise(readFileSync(MANIFEST, 'utf8'));
  });

  it('is read by office-addin-manifest as an Excel task pane add-in', async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
    expect(info.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(info.displayName).toBe('绩效自评助手');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.defaultLocale).toBe('zh-CN');
  });

  it('requires only ExcelApi 1.1, so Excel 2016 loads it', () => {
    const sets = all(xml, 'Set');
    expect(sets.map((s) => [attr(s, 'Name'), attr(s, 'MinVersion')])).toEqual([['ExcelApi', '1.1']]);
  });

  it('puts a 绩效自评 group on the Home tab whose button opens the task pane', () => {
    const tab = all(xml, 'OfficeTab')[0];
    expect(attr(tab, 'id')).toBe('TabHome');
    const strings = Object.fromEntries(all(xml, 'bt:String').map((s) => [attr(s, 'id'), attr(s, 'DefaultValue')]));
    const group = all(tab, 'Group')[0];
    expect(strings[attr(all(group, 'Label')[0], 'resid')]).toBe('绩效自评');
    const action = all(group, 'Action')[0];
    expect(attr(action, 'xsi:type')).toBe('ShowTaskpane');
    const urls = Object.fromEntries(all(xml, 'bt:Url').map((u) => [attr(u, 'id'), attr(u, 'DefaultValue')]));
    expect(urls[attr(all(action, 'SourceLocation')[0], 'resid')]).toMatch(/\/taskpane\.html$/);
  });

  it('names only resources it defines', () => {
    const defined = new Set(
      [...all(xml, 'bt:Image'), ...all(xml, 'bt:Url'), ...all(xml, 'bt:String')]
        .map((n) => attr(n, 'id'))
        .filter(Boolean),
    );
    const refs: string[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const resid = attr(value as Xml, 'resid');
        if (resid) refs.push(resid);
        Object.values(value as Xml).forEach(walk);
      }
    };
    walk(xml);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(defined).toContain(ref);
  });

  it('uses https for every URL and ships every icon it names', () => {
    const text = readFileSync(MANIFEST, 'utf8');
    const urls = [...text.matchAll(/(?:DefaultValue|Url)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
    const icons = urls.filter((u) => /\.png$/.test(u)).map((u) => u.replace(/^https:\/\/[^/]+\//, ''));
    expect(icons.length).toBeGreaterThanOrEqual(4);
    for (const icon of icons) expect(existsSync(path.join(ROOT, icon))).toBe(true);
  });

  it('names no other origin than the one address webpack replaces', () => {
    const text = readFileSync(MANIFEST, 'utf8');
    const origins = new Set([...text.matchAll(/https:\/\/[^/"]+/g)].map((m) => m[0]));
    expect([...origins]).toEqual(['https://localhost:3000']);
  });
});
