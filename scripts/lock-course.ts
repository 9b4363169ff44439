/**
 * `npm run lock`: record the git blob id of every course file a verdict depends on in
 * katas/course.lock.json (see grader/core/course-lock.ts). Run it after changing a stub, a
 * spec, a fixture or the toolkit, and commit the lock with the change.
 */
import { writeFileSync } from 'node:fs';
import { computeLock, LOCK_FILE, renderLock } from '../grader/core/course-lock.ts';
import { loadKatas } from '../grader/core/manifest.ts';

const lock = computeLock(loadKatas());
writeFileSync(LOCK_FILE, renderLock(lock));
console.log(`Wrote ${Object.keys(lock).length} course files to katas/course.lock.json.`);
