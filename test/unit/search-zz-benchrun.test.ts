import { it } from 'vitest';
import { benchSearch } from '/work/main/test/bench/search';
it('bench', async () => { console.log(await benchSearch()); }, 120000);
