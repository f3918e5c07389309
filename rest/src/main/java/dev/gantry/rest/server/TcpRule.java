package dev.gantry.rest.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The one rule for a TCP listener: mutual TLS, or plain TCP only when asked for by name ({@code --tcp-insecure}),
 * with a warning that says who can reach it. The engine applies it at start ({@link Listeners}); the launcher runs
 * it as a program before it starts the engine, so a refused listener costs no start-up and touches no data root.
 * Only the JDK here: the launcher runs it from the application jar alone.
 */
public final class TcpRule {
    private TcpRule() {
    }

    /** Why a TCP listener must not start, if it must not. */
    static Optional<String> refusal(boolean enabled, String host, boolean mutualTls, boolean insecure) {
        if (!enabled || mutualTls || insecure) {
            return Optional.empty();
        }
        return Optional.of("refusing to listen on " + host + " without mutual TLS: anyone who reaches that address"
                + " could run containers as root. Give --tls-cert, --tls-key and --tls-ca, or --tcp-insecure to"
                + " accept the risk.");
    }

    /** What a plain TCP listener is told, loopback or not. */
    static String warning(String host, int port) {
        return "WARNING: plain TCP on " + host + ":" + port + " (--tcp-insecure): " + (loopback(host)
                ? "every local user, and any web page a local browser opens, that reaches it is root"
                : "anyone who reaches that address can run containers as root");
    }

    static boolean loopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code HOST MUTUAL_TLS INSECURE} (true/false): exits 2 with the refusal, else 0 and says nothing. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: TcpRule HOST MUTUAL_TLS INSECURE");
            System.exit(2);
        }
        Optional<String> refusal = refusal(true, args[0], Boolean.parseBoolean(args[1]), Boolean.parseBoolean(args[2]));
        if (refusal.isPresent()) {
            System.err.println("gantry: " + refusal.get());
            System.exit(2);
        }
    }
}
