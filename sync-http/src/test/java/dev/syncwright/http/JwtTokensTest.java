package dev.syncwright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.syncwright.core.SyncException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** JWT bearer tokens: what is accepted, what is refused, and over a real socket, 401 and 403 (issue 13). */
class JwtTokensTest extends HttpFixture {
    private static final byte[] SECRET = "a-shared-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    @Test
    void hmacTokensNameThePrincipalAndItsScopes() {
        JwtTokens jwt = JwtTokens.hmac(SECRET, "issuer", null);
        Optional<Principal> p = jwt.authenticate("Bearer " + hmac(SECRET, claims("alice", 600).issuer("issuer").claim("scope", "shop other")));
        assertThat(p).get().extracting(Principal::name).isEqualTo("alice");
        assertThat(p.get().scopes()).containsExactlyInAnyOrder("shop", "other");
        assertThat(jwt.authenticate("Bearer " + hmac(SECRET, claims("bob", 600).issuer("issuer").claim("scopes", List.of("x")))))
                .get().extracting(Principal::scopes).isEqualTo(Set.of("x"));
    }

    @Test
    void expiredWrongSignatureUnsignedMissingClaimsAndWrongIssuerAreRefused() {
        JwtTokens jwt = JwtTokens.hmac(SECRET, "issuer", "devices");
        JWTClaimsSet.Builder good = claims("alice", 600).issuer("issuer").audience("devices");
        assertThat(jwt.authenticate("Bearer " + hmac(SECRET, good))).isPresent();
        assertThat(jwt.authenticate("Bearer " + hmac(SECRET, claims("alice", -600).issuer("issuer").audience("devices")))).as("expired")
                .isEmpty();
        assertThat(jwt.authenticate("Bearer " + hmac(OTHER, good))).as("wrong signature").isEmpty();
        assertThat(jwt.authenticate("Bearer " + new PlainJWT(new PlainHeader(), good.build()).serialize())).as("alg none").isEmpty();
        assertThat(jwt.authenticate("Bearer " + hmac(SECRET, new JWTClaimsSet.Builder().subject("a").issuer("issuer")
                .audience("devices")))).as("no exp").isEmpty();
        assertThat(jwt.authenticate("Bearer " + hmac(SECRET, claims("alice", 600).issuer("other").audience("devices")))).as("issuer")
                .isEmpty();
        assertThat(jwt.authenticate("Bearer " + hmac(SECRET, claims("alice", 600).issuer("issuer").audience("web")))).as("audience")
                .isEmpty();
        assertThat(jwt.authenticate("Bearer not.a.jwt")).isEmpty();
        assertThat(jwt.authenticate(null)).isEmpty();
        assertThatThrownBy(() -> JwtTokens.hmac("short".getBytes(StandardCharsets.UTF_8), null, null))
                .isInstanceOf(SyncException.class).hasMessageContaining("at least 32 bytes").hasMessageNotContaining("short");
    }

    @Test
    void rsaTokensVerifyWithThePublicKeyFromAPemFile() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        KeyPair other = g.generateKeyPair();
        Path pem = dir.resolve("public.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        JwtTokens jwt = JwtTokens.publicKeys(pem, null, null);
        assertThat(jwt.authenticate("Bearer " + sign(new RSASSASigner(pair.getPrivate()), JWSAlgorithm.RS256, claims("dev", 60))))
                .get().extracting(Principal::name).isEqualTo("dev");
        assertThat(jwt.authenticate("Bearer " + sign(new RSASSASigner(other.getPrivate()), JWSAlgorithm.RS256, claims("dev", 60))))
                .isEmpty();
        // an HMAC token whose "secret" is the public key's bytes (the algorithm-confusion attack) is refused
        assertThat(jwt.authenticate("Bearer " + hmac(pair.getPublic().getEncoded(), claims("dev", 60)))).isEmpty();
    }

    @Test
    void overHttpBadTokensGet401AndAnotherScopesTokenGets403() throws Exception {
        SyncHttpServer s = serve(JwtTokens.hmac(SECRET, null, null));
        DataSource a = client();
        String expired = hmac(SECRET, claims("alice", -600).claim("scope", SCOPE));
        String forged = hmac(OTHER, claims("alice", 600).claim("scope", SCOPE));
        String elsewhere = hmac(SECRET, claims("bob", 600).claim("scope", "other"));
        assertThatThrownBy(() -> sync(a, remote(s, null))).hasMessageContaining("401");
        assertThatThrownBy(() -> sync(a, remote(s, expired))).hasMessageContaining("401");
        assertThatThrownBy(() -> sync(a, remote(s, forged))).hasMessageContaining("401");
        assertThatThrownBy(() -> sync(a, remote(s, elsewhere))).hasMessageContaining("403").hasMessageContaining("bob");
        assertThat(count(a)).as("never a byte of data").isZero();
        sync(a, remote(s, hmac(SECRET, claims("alice", 600).claim("scope", SCOPE))));
        assertThat(count(a)).isEqualTo(2000);
    }

    private static JWTClaimsSet.Builder claims(String subject, long expiresInSeconds) {
        return new JWTClaimsSet.Builder().subject(subject).expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000));
    }

    private static String hmac(byte[] secret, JWTClaimsSet.Builder claims) {
        try {
            return sign(new MACSigner(secret), JWSAlgorithm.HS256, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet.Builder claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
