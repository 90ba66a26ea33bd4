package io.gatehouse.credentials;

/** What vended credentials may do under their locations. */
public enum AccessLevel {
  /** List and read objects. */
  READ,
  /** List, read, write and delete objects, including multipart uploads. */
  READ_WRITE
}
