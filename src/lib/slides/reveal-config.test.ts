import { describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../schemas/deck.ts';
import { isSpeakerPreview, PHONE_SLIDE_SIZE, revealConfig, SLIDE_SIZE, slideSize, transitionOf } from './reveal-config.ts';

const page = { mode: 'audience' as const, transition: 'slide' as const, search: '', windowWidth: 1280 };

describe('revealConfig', () => {
  it('turns on what presenting needs', () => {
    expect(revealConfig(page)).toMatchObject({
      ...SLIDE_SIZE,
      hash: true,
      slideNumber: 'c/t',
      overview: true,
      help: true,
      transition: 'slide',
      view: null,
      pdfMaxPagesPerSlide: 1,
      pdfSeparateFragments: false,
      showNotes: false,
    });
  });

  it('prints one page per slide, per fragment with fragments=1, with notes pages on the presenter page', () => {
    expect(revealConfig({ ...page, search: '?view=print' })).toMatchObject({ view: 'print', pdfSeparateFragments: false, showNotes: false });
    expect(revealConfig({ ...page, search: '?view=print&fragments=1' }).pdfSeparateFragments).toBe(true);
    expect(revealConfig({ ...page, search: '?view=print&notes=1' }).showNotes).toBe(false);
    expect(revealConfig({ ...page, mode: 'presenter', search: '?view=print&notes=1' }).showNotes).toBe('separate-page');
  });

  it('uses the deck transition', () => {
    expect(revealConfig({ ...page, transition: transitionOf('fade') }).transition).toBe('fade');
    expect(transitionOf('bogus')).toBe('slide');
    expect(transitionOf('toString')).toBe('slide');
  });

  it('knows every transition of the deck schema', () => {
    for (const transition of TRANSITIONS) expect(transitionOf(transition)).toBe(transition);
  });

  it('reflows slides on a phone, but never in print', () => {
    expect(slideSize(390, '')).toEqual(PHONE_SLIDE_SIZE);
    expect(slideSize(390, '?view=print')).toEqual(SLIDE_SIZE);
    expect(slideSize(420, '?receiver&scrollActivationWidth=false')).toEqual(SLIDE_SIZE);
    expect(revealConfig({ ...page, windowWidth: 390 })).toMatchObject(PHONE_SLIDE_SIZE);
  });

  it("recognises the speaker view's previews", () => {
    expect(isSpeakerPreview('?receiver&progress=false')).toBe(true);
    expect(isSpeakerPreview('?view=print')).toBe(false);
  });
});
