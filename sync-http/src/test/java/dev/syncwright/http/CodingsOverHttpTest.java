package dev.syncwright.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The wire's content codings (docs/protocol.md): an answer in zstd to a request that accepts it, in
 * gzip to one that does not (an older or gzip-only client); bodies read in either; an unknown coding
 * refused with 415 and a damaged zstd body with 400, nothing served either way.
 */
class CodingsOverHttpTest extends HttpFixture {
    private final HttpClient web = HttpClient.newHttpClient();

    @Test
    void answersInWhatTheRequestAcceptsAndReadsBothCodings() throws Exception {
        SyncHttpServer s = serve(Authenticator.none());
        String state = "http://127.0.0.1:" + s.port() + "/syncwright/v1/" + SCOPE + "/state";
        HttpResponse<byte[]> zstd = post(state, "zstd", Zstd.compress(new byte[0]), "zstd, gzip");
        assertThat(zstd.statusCode()).isEqualTo(200);
        assertThat(zstd.headers().firstValue("Content-Encoding")).hasValue("zstd");
        HttpResponse<byte[]> gzip = post(state, "gzip", gzip(new byte[0]), "gzip");
        assertThat(gzip.statusCode()).isEqualTo(200);
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(post(state, "gzip", gzip(new byte[0]), null).headers().firstValue("Content-Encoding")).hasValue("gzip");

        HttpResponse<byte[]> unknown = post(state, "br", new byte[] {1, 2, 3}, "gzip");
        assertThat(unknown.statusCode()).isEqualTo(415);
        assertThat(new String(unknown.body())).contains("UNSUPPORTED_ENCODING").contains("not br");
        byte[] damaged = Zstd.compress(new byte[64]);
        damaged[damaged.length / 2] ^= 0x5a;
        HttpResponse<byte[]> bad = post(state.replace("/state", "/peer"), "zstd", damaged, "gzip");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new String(bad.body())).contains("BAD_REQUEST");
    }

    private HttpResponse<byte[]> post(String url, String coding, byte[] body, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Syncwright-Protocol", "1").header("Content-Encoding", coding)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (accept != null) {
            b.header("Accept-Encoding", accept);
        }
        return web.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }
}
