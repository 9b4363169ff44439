/**
 * The course lint (rustlings' `dev check`): every kata is complete, consistent and in order.
 * A kata folder holds exactly its statement, stub, spec, hints and metadata; its reference,
 * fingerprint, mistakes and fixtures exist; and every file exports the contract's names.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadKatas } from '../grader/core/manifest.ts';
import { fingerprintPath, loadCatalogue } from '../grader/core/mistakes.ts';
import { repoRoot } from '../grader/core/paths.ts';

const katas = loadKatas();
const exportsOf = async (path: string): Promise<string[]> =>
  Object.keys((await import(pathToFileURL(path).href)) as Record<string, unknown>).sort();

test('the course has katas in a strict order, each slug unique', () => {
  expect(katas.length).toBeGreaterThan(0);
  const orders = katas.map((k) => k.order);
  expect(new Set(orders).size).toBe(orders.length);
});

for (const kata of katas) {
  describe(kata.slug, () => {
    test('its folder holds exactly statement, stub, spec, hints and metadata', () => {
      const expected = ['README.md', 'hints.md', 'kata.json', basename(kata.stubPath), basename(kata.specPath)].sort();
      expect(readdirSync(kata.dir).sort()).toEqual(expected);
    });

    test('the statement has a title and the hints have at least three tiers', () => {
      expect(readFileSync(kata.readmePath, 'utf8')).toMatch(/^# \S/);
      const tiers = readFileSync(kata.hintsPath, 'utf8').match(/^## \d+\. /gm) ?? [];
      expect(tiers.length).toBeGreaterThanOrEqual(3);
    });

    test('prerequisites are katas that come earlier', () => {
      for (const slug of kata.prerequisites) {
        const prerequisite = katas.find((k) => k.slug === slug);
        expect(prerequisite, `unknown prerequisite ${slug}`).toBeDefined();
        expect(prerequisite!.order).toBeLessThan(kata.order);
      }
    });

    test('the stub exports the contract, and the reference exports everything the stub does', async () => {
      expect(existsSync(kata.solutionPath)).toBe(true);
      expect(existsSync(fingerprintPath(kata))).toBe(true);
      const stub = await exportsOf(kata.stubPath);
      expect(stub).toEqual(expect.arrayContaining(kata.exports));
      expect(await exportsOf(kata.solutionPath)).toEqual(expect.arrayContaining(stub));
    });

    test('at least six catalogued mistakes, each with a distinct title, exporting the contract', async () => {
      const catalogue = await loadCatalogue(kata);
      expect(catalogue.length).toBeGreaterThanOrEqual(6);
      expect(new Set(catalogue.map((m) => m.title)).size).toBe(catalogue.length);
      for (const entry of catalogue) {
        expect(entry.explanation.length, entry.id).toBeGreaterThan(40);
        expect(await exportsOf(entry.path), entry.id).toEqual(expect.arrayContaining(kata.exports));
      }
    });

    // A kata graded only by spec, properties and convergence (mnist-classifier: its gold is
    // the MNIST test set itself) has no fixtures; any kata whose spec reads fixtures has them.
    const usesFixtures = readFileSync(kata.specPath, 'utf8').includes("describe('fixtures'");
    test.runIf(usesFixtures)('fixtures come with the generator that made them and their provenance', () => {
      const files = readdirSync(kata.fixturesDir);
      expect(files).toContain('generate.py');
      const json = files.filter((f) => f.endsWith('.json'));
      expect(json.length).toBeGreaterThan(0);
      for (const file of json) {
        const fixture = JSON.parse(readFileSync(join(kata.fixturesDir, file), 'utf8')) as {
          kata: string;
          provenance: { generator: string; libraries: Record<string, string>; seed: number };
          cases: { id: string; description: string }[];
        };
        expect(fixture.kata).toBe(kata.slug);
        expect(existsSync(join(repoRoot, fixture.provenance.generator))).toBe(true);
        expect(Object.keys(fixture.provenance.libraries).length).toBeGreaterThan(1);
        expect(typeof fixture.provenance.seed).toBe('number');
        for (const c of fixture.cases) expect(c.description.length, `${file} ${c.id}`).toBeGreaterThan(0);
      }
    });
  });
}
