/**
 * Building blocks of the built-in file connectors (line cursors, file writers, the shared JSON
 * mapper). Not part of the public API: names and signatures may change between releases.
 */
package dev.rivulet.io.internals;
