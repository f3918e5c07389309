package dev.gantry.rest.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gantry.rest.TempRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A registry behind basic auth (htpasswd): docker login through Gantry, then push and pull with the credentials. */
class RegistryAuthIT {

    @Test
    void loginThenPushAndPullWithCredentials() throws Exception {
        Path work = Files.createTempDirectory("gantry-auth-");
        LocalRegistry registry = null;
        try (GantryProcess gantry = GantryProcess.start()) {
            var hash = GantryProcess.run(List.of("python3", "-W", "ignore", "-c",
                    "import crypt; print('alice:' + crypt.crypt('s3cret', crypt.mksalt(crypt.METHOD_BLOWFISH)))"), Map.of());
            assertEquals(0, hash.code(), hash.out());
            registry = LocalRegistry.start(hash.out());
            String host = registry.host();
            Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + gantry.socket,
                    "DOCKER_CONFIG", Files.createDirectories(work.resolve("cli")).toString());
            String docker = GantryProcess.dockerCli();

            var wrong = GantryProcess.run(List.of(docker, "login", "-u", "alice", "-p", "nope", host), env);
            assertNotEquals(0, wrong.code(), wrong.out());
            assertTrue(wrong.out().contains("401 Unauthorized"), wrong.out());
            var right = GantryProcess.run(List.of("sh", "-c", "echo s3cret | " + docker + " login -u alice --password-stdin " + host), env);
            assertEquals(0, right.code(), right.out());
            assertTrue(right.out().contains("Login Succeeded"), right.out());

            Path images = Files.createDirectories(work.resolve("images"));
            assertEquals(0, GantryProcess.run(List.of(GantryProcess.TOP.resolve("scripts/make-test-images").toString(), images.toString()), Map.of()).code());
            assertEquals(0, GantryProcess.run(List.of(docker, "load", "-i", images.resolve("busybox.tar").toString()), env).code());
            String ref = host + "/private/busybox:1";
            assertEquals(0, GantryProcess.run(List.of(docker, "tag", "busybox", ref), env).code());
            var push = GantryProcess.run(List.of(docker, "push", ref), env);
            assertEquals(0, push.code(), push.out());
            assertEquals(0, GantryProcess.run(List.of(docker, "rmi", ref), env).code());
            var pull = GantryProcess.run(List.of(docker, "pull", ref), env);
            assertEquals(0, pull.code(), pull.out());
            // a build's base comes with the logins the CLI sends in X-Registry-Config
            assertEquals(0, GantryProcess.run(List.of(docker, "rmi", ref), env).code());
            Path context = Files.createDirectories(work.resolve("context"));
            Files.writeString(context.resolve("Dockerfile"), "FROM " + ref + "\nRUN echo built > /b\n");
            Map<String, String> buildEnv = new java.util.HashMap<>(env);
            buildEnv.put("DOCKER_BUILDKIT", "0");
            var build = GantryProcess.run(List.of(docker, "build", "-t", "private-built:1", context.toString()), buildEnv);
            assertEquals(0, build.code(), build.out());
            assertTrue(build.out().contains("Pulling from private/busybox"), build.out());
            assertEquals(0, GantryProcess.run(List.of(docker, "rmi", "private-built:1"), env).code());

            assertEquals(0, GantryProcess.run(List.of(docker, "logout", host), env).code());
            assertEquals(0, GantryProcess.run(List.of(docker, "rmi", ref), env).code());
            var anonymous = GantryProcess.run(List.of(docker, "pull", ref), env);
            assertNotEquals(0, anonymous.code(), "a pull without credentials got through: " + anonymous.out());
            assertTrue(anonymous.out().contains("pull access denied"), anonymous.out());
        } finally {
            if (registry != null) {
                registry.close();
            }
            TempRoots.deleteTree(work);
        }
    }
}
