import {
  advanceCursor,
  decodeCursor,
  encodeCursor,
  isNew,
  type PollCursor,
  startCursor,
} from './framework360.cursor';

const at = (time: number, id: string) => ({ time, id });

describe('Framework360 polling cursor', () => {
  it('starts at the newest existing order, remembering the others of the same second', () => {
    expect(startCursor([at(100, '7'), at(200, '9'), at(200, '8'), at(150, '10')])).toEqual({
      time: 200,
      id: '9',
      seen: ['8'],
    });
    expect(startCursor([])).toEqual({ time: 0, id: '', seen: [] });
  });

  it('round-trips through the stored text and refuses text that is not its own', () => {
    const cursor: PollCursor = { time: 1796065200000, id: '1042', seen: ['1041', '1040'] };
    expect(decodeCursor(encodeCursor(cursor))).toEqual({ ...cursor, seen: ['1040', '1041'] });
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor('page=3')).toBeNull();
    expect(decodeCursor('{"v":2,"t":1,"id":"1"}')).toBeNull();
  });

  it('stays within the 255-character column by forgetting the oldest seen ids', () => {
    const seen = Array.from({ length: 80 }, (_, i) => String(1000 + i));
    const encoded = encodeCursor({ time: 1, id: '2000', seen });
    expect(encoded.length).toBeLessThanOrEqual(255);
    const decoded = decodeCursor(encoded)!;
    expect(decoded.id).toBe('2000');
    expect(decoded.seen.at(-1)).toBe('1079');
  });

  it('takes every order of the cursor second it has not handed over, whatever its id', () => {
    const cursor: PollCursor = { time: 200, id: '9', seen: ['8'] };
    expect(isNew(at(201, '1'), cursor)).toBe(true);
    expect(isNew(at(200, '10'), cursor)).toBe(true);
    expect(isNew(at(200, '5'), cursor)).toBe(true); // same second, not seen: taken (dedupe absorbs a repeat)
    expect(isNew(at(200, '9'), cursor)).toBe(false);
    expect(isNew(at(200, '8'), cursor)).toBe(false);
    expect(isNew(at(199, '99'), cursor)).toBe(false);
  });

  it('orders by id alone when the shop gives no creation times', () => {
    const cursor: PollCursor = { time: 0, id: '50', seen: [] };
    expect(isNew(at(0, '51'), cursor)).toBe(true);
    expect(isNew(at(0, '49'), cursor)).toBe(false);
    expect(isNew(at(0, '50'), cursor)).toBe(false);
    expect(advanceCursor(cursor, [at(0, '51'), at(0, '52')])).toEqual({ time: 0, id: '52', seen: [] });
  });

  it('advances to the newest order taken and carries the ids of its second', () => {
    const cursor: PollCursor = { time: 200, id: '9', seen: ['8'] };
    expect(advanceCursor(cursor, [])).toEqual(cursor);
    expect(advanceCursor(cursor, [at(200, '5'), at(200, '10')])).toEqual({
      time: 200,
      id: '10',
      seen: ['8', '9', '5'],
    });
    expect(advanceCursor(cursor, [at(300, '11'), at(300, '12'), at(250, '13')])).toEqual({
      time: 300,
      id: '12',
      seen: ['11'],
    });
    const empty = startCursor([]);
    expect(advanceCursor(empty, [at(5, '1')])).toEqual({ time: 5, id: '1', seen: [] });
  });
});
