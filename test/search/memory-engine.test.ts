import { MemoryEngine } from '../../src/core/search/minisearch/memory-engine.ts';
import { deskData } from '../support/desk-data.ts';
import { describeEngineContract } from './engine-contract.ts';

// The embedded engine, fed through `add` from empty: the contract compares it with one built in one go.
describeEngineContract('memory (MiniSearch)', async () => new MemoryEngine([], deskData));
