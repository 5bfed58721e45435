package dev.syncwright.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The credential options of a command with a local and a remote database (sync, verify,
 * reinitialize), and how they resolve: an option, else the environment (remote only), else the URL.
 */
final class PairCredentials {
    @Option(names = "--user", paramLabel = "USER", order = 8,
            description = "User for the remote (default: $" + Connect.ENV_USER + ", else the URL).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD", order = 9,
            description = "Password for the remote (default: $" + Connect.ENV_PASSWORD + ", else the URL). Prefer the "
                    + "variable: options are visible to other users of the machine.")
    String password;

    @Option(names = "--local-user", paramLabel = "USER", order = 10,
            description = "User for the local database when it is a server (default: the URL).")
    String localUser;

    @Option(names = "--local-password", paramLabel = "PASSWORD", order = 11,
            description = "Password for the local database when it is a server (default: the URL).")
    String localPassword;

    /** Both URLs read and every secret registered with {@code secrets}, before anything can print them. */
    record Resolved(JdbcUrl localUrl, String localUser, String localPassword, JdbcUrl remoteUrl, String remoteUser,
                    String remotePassword) {}

    Resolved resolve(String local, String remote, Map<String, String> env, Secrets secrets) {
        JdbcUrl remoteUrl = secrets.addUrl(remote);
        JdbcUrl localUrl = secrets.addUrl(local);
        String remoteUser = user != null ? user : env.getOrDefault(Connect.ENV_USER, remoteUrl.user());
        String remotePassword = password != null ? password : env.getOrDefault(Connect.ENV_PASSWORD, remoteUrl.password());
        String localUserName = localUser != null ? localUser : localUrl.user();
        String localPass = localPassword != null ? localPassword : localUrl.password();
        secrets.add(remotePassword);
        secrets.add(localPass);
        return new Resolved(localUrl, localUserName, localPass, remoteUrl, remoteUser, remotePassword);
    }
}
