package dev.gantry.spi.network;

/** Whether a driver's containers get a network namespace of their own or share the host's. */
public enum NamespaceMode { PRIVATE, HOST }
