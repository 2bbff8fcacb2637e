// The call handles' emitter: listeners in subscription order, once each, unsubscribing, and an
// emission that listeners added or removed meanwhile do not change; one listener or several.
import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../src/sip/ua/emitter.js';

class Events extends Emitter<{ a: number; b: string }> {
  fire<K extends 'a' | 'b'>(event: K, value: { a: number; b: string }[K]): void {
    this.emit(event, value);
  }
}

describe('Emitter', () => {
  it('calls one listener, then several in the order they subscribed, each once', () => {
    const e = new Events();
    const got: string[] = [];
    const first = (v: number): void => void got.push(`first ${v}`);
    e.on('a', first);
    e.fire('a', 1);
    e.on('a', first);
    expect(e.listenerCount('a')).toBe(1);
    e.on('a', (v) => got.push(`second ${v}`));
    e.on('b', (v) => got.push(`b ${v}`));
    e.fire('a', 2);
    expect(got).toEqual(['first 1', 'first 2', 'second 2']);
    expect([e.listenerCount('a'), e.listenerCount('b')]).toEqual([2, 1]);
  });

  it('unsubscribes, down to none and up again', () => {
    const e = new Events();
    const got: number[] = [];
    const offA = e.on('a', (v) => got.push(v));
    const offB = e.on('a', (v) => got.push(v * 10));
    offA();
    offA();
    e.fire('a', 1);
    expect(e.listenerCount('a')).toBe(1);
    offB();
    e.fire('a', 2);
    expect(e.listenerCount('a')).toBe(0);
    e.on('a', (v) => got.push(v * 100));
    e.fire('a', 3);
    expect(got).toEqual([10, 300]);
  });

  it('an emission runs the listeners subscribed when it began', () => {
    const e = new Events();
    const got: string[] = [];
    let offSecond = (): void => undefined;
    e.on('a', () => {
      got.push('first');
      offSecond();
      e.on('a', () => got.push('late'));
    });
    offSecond = e.on('a', () => got.push('second'));
    e.fire('a', 1);
    expect(got).toEqual(['first', 'second']);
    e.fire('a', 2);
    expect(got).toEqual(['first', 'second', 'first', 'late']);
  });

  it('a lone listener that unsubscribes itself is still called once', () => {
    const e = new Events();
    const got: number[] = [];
    const off = e.on('b', () => {
      off();
      got.push(1);
    });
    e.fire('b', 'x');
    e.fire('b', 'y');
    expect(got).toEqual([1]);
  });
});
