import { documentText, routeSchedule } from './platform-traffic';

describe('routeSchedule', () => {
  it('sends each route as often as its weight, interleaved', () => {
    const schedule = routeSchedule({ auth: 1, ingest: 1, search: 2, chat: 2 });
    expect(schedule).toHaveLength(6);
    const counts = Object.fromEntries(
      ['auth', 'ingest', 'search', 'chat'].map((r) => [r, schedule.filter((s) => s === r).length]),
    );
    expect(counts).toEqual({ auth: 1, ingest: 1, search: 2, chat: 2 });
    expect(schedule.some((route, n) => route === schedule[n + 1])).toBe(false);
  });

  it('leaves out routes weighted 0 and refuses a mix without any', () => {
    expect(routeSchedule({ auth: 0, ingest: 0, search: 3, chat: 0 })).toEqual(['search', 'search', 'search']);
    expect(() => routeSchedule({ auth: 0, ingest: 0, search: 0, chat: 0 })).toThrow('no route');
  });
});

describe('documentText', () => {
  it('is unique per marker, so that each upload is a distinct object', () => {
    expect(documentText('load-a-1')).not.toEqual(documentText('load-a-2'));
    expect(documentText('load-a-1')).toContain('load-a-1');
  });
});
