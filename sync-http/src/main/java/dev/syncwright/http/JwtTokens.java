package dev.syncwright.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.syncwright.core.SyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens that are signed JWTs, verified with nimbus-jose-jwt: an HMAC secret (HS256/384/512)
 * or public keys (RSA or EC, from a PEM file or a JWK set). The token must carry {@code exp} and
 * {@code sub}; {@code nbf}, {@code iss} and {@code aud} are checked when configured; 60 s of clock
 * skew are allowed. The subject names the principal; its scopes come from the {@code scope} claim
 * (space-separated, as OAuth 2.0 writes it) or a {@code scopes} array; neither: every scope.
 *
 * <p>Why a refused token was refused is logged at debug (never the token); the client only learns
 * 401. An {@code alg: none} or a token signed with another algorithm family is refused.
 */
public final class JwtTokens implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JwtTokens.class);
    private static final int MIN_SECRET_BYTES = 32;
    private final DefaultJWTProcessor<SecurityContext> processor;

    private JwtTokens(JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms, String issuer, String audience) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (issuer != null) {
            exact.issuer(issuer);
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience, exact.build(),
                new HashSet<>(List.of("exp", "sub")));
        claims.setMaxClockSkew(60);
        p.setJWTClaimsSetVerifier(claims);
        this.processor = p;
    }

    /** Tokens signed with a shared secret of at least 32 bytes (HS256, HS384 or HS512). */
    public static JwtTokens hmac(byte[] secret, String issuer, String audience) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new SyncException("A JWT HMAC secret must be at least " + MIN_SECRET_BYTES + " bytes (256 bits); this one has "
                    + secret.length);
        }
        return new JwtTokens(new ImmutableSecret<>(secret.clone()), Set.copyOf(JWSAlgorithm.Family.HMAC_SHA), issuer, audience);
    }

    /** The secret from a file (its bytes, a trailing newline removed); the secret itself is never printed. */
    public static JwtTokens hmacSecretFile(Path file, String issuer, String audience) {
        byte[] bytes = read(file, "JWT secret file");
        int n = bytes.length;
        while (n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r')) {
            n--;
        }
        return hmac(Arrays.copyOf(bytes, n), issuer, audience);
    }

    /** Tokens signed by the private half of the public key(s) in a PEM file or a JWK set (JSON) file. */
    public static JwtTokens publicKeys(Path file, String issuer, String audience) {
        String text = new String(read(file, "JWT public key file"), StandardCharsets.UTF_8);
        JWKSet set;
        try {
            set = text.stripLeading().startsWith("{") ? JWKSet.parse(text) : new JWKSet(pemPublicKey(text));
        } catch (ParseException | GeneralSecurityException | RuntimeException e) {
            throw new SyncException("JWT public key file " + file + " holds no public key Syncwright can read (a PEM public key or "
                    + "certificate, or a JWK set): " + e.getMessage(), e);
        }
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                throw new SyncException("JWT public key file " + file + " holds a private key; give the server only the public key");
            }
            switch (key.getKeyType().getValue()) {
                case "RSA" -> algorithms.addAll(JWSAlgorithm.Family.RSA);
                case "EC" -> algorithms.addAll(JWSAlgorithm.Family.EC);
                default -> throw new SyncException("JWT public key file " + file + ": key type " + key.getKeyType()
                        + " is not supported (RSA or EC)");
            }
        }
        if (algorithms.isEmpty()) {
            throw new SyncException("JWT public key file " + file + " holds no key");
        }
        return new JwtTokens(new ImmutableJWKSet<>(set), algorithms, issuer, audience);
    }

    /** A {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) or {@code CERTIFICATE} PEM block, read with the JDK alone. */
    private static JWK pemPublicKey(String pem) throws GeneralSecurityException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----").matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("no PEM block");
        }
        byte[] der = java.util.Base64.getMimeDecoder().decode(m.group(2));
        PublicKey key = switch (m.group(1)) {
            case "PUBLIC KEY" -> {
                X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
                PublicKey k;
                try {
                    k = KeyFactory.getInstance("RSA").generatePublic(spec);
                } catch (InvalidKeySpecException notRsa) {
                    k = KeyFactory.getInstance("EC").generatePublic(spec);
                }
                yield k;
            }
            case "CERTIFICATE" -> CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(der))
                    .getPublicKey();
            default -> throw new GeneralSecurityException("a " + m.group(1) + " block; expected PUBLIC KEY or CERTIFICATE");
        };
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
        throw new GeneralSecurityException("a " + key.getAlgorithm() + " key; expected RSA or EC");
    }

    @Override
    public Optional<Principal> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(authorization.substring(7).strip(), null);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            LOG.debug("JWT refused: {}", e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new Principal(claims.getSubject(), scopes(claims)));
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope instanceof String s && !s.isBlank()) {
            return Set.of(s.strip().split("\\s+"));
        }
        Object scopes = claims.getClaim("scopes");
        if (scopes instanceof List<?> list && !list.isEmpty()) {
            Set<String> out = new HashSet<>();
            list.forEach(x -> out.add(String.valueOf(x)));
            return out;
        }
        return Set.of();
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SyncException("Cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
