package dev.gantry.spi.storage;

/**
 * Disk use of one snapshot's own content, not counting its parents.
 *
 * @param inodes number of files, directories and links
 * @param bytes  bytes of file content
 */
public record Usage(long inodes, long bytes) {
}
