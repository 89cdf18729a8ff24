import { describe, expect, it } from 'vitest';
import { ScoreBoard } from '../../../src/core/search/minisearch/score-board.ts';

describe('ScoreBoard', () => {
  it('keeps the best score and credit of a term, not their sum', () => {
    const board = new ScoreBoard(4);
    board.begin(1);
    board.offer(0, 2, 3, 0.7); // another form of the word
    board.offer(0, 2, 5, 1); // the word itself
    board.endTerm();
    expect(board.credit(0, 2)).toBe(1);
    expect(board.score(2, 1)).toBe(5);
  });

  it('adds up the terms, times the credits matched', () => {
    const board = new ScoreBoard(3);
    board.begin(2);
    board.offer(0, 1, 2, 1);
    board.endTerm();
    board.offer(1, 1, 4, 0.5);
    board.offer(1, 0, 10, 0.5);
    board.endTerm();
    expect(board.score(1, 2)).toBeCloseTo((2 + 4) * 1.5);
    expect(board.score(0, 2)).toBeCloseTo(10 * 0.5);
    expect(board.top(5, 2)).toEqual([1, 0]);
    expect(board.top(1, 2)).toEqual([1]);
  });

  it('orders ties by passage id and forgets the previous question', () => {
    const board = new ScoreBoard(5);
    board.begin(1);
    for (const id of [4, 1, 3]) board.offer(0, id, 2, 1);
    board.endTerm();
    expect(board.top(3, 1)).toEqual([1, 3, 4]);
    board.begin(1);
    board.offer(0, 0, 1, 1);
    board.endTerm();
    expect(board.top(3, 1)).toEqual([0]);
    expect(board.credit(0, 4)).toBe(0);
  });
});
