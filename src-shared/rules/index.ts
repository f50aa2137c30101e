/** Pure domain rules of the BA (see ../../../shared/domain.md): no I/O, usable in main, renderer and server. */
export * from './findings.js';
export * from './berlin-time.js';
export * from './working-days.js';
export * from './channel.js';
export * from './tvz.js';
export * from './consent.js';
export * from './load.js';
export * from './note-templates.js';
export * from './note-requirement.js';
export * from './visibility.js';
export * from './nah-am-kunden.js';
export * from './appointment-rules.js';
