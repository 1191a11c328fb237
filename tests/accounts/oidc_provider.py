"""A tiny OpenID Connect provider for the tests, on 127.0.0.1: discovery document, keys,
authorization (the test "signs in" as a person would at the provider's page) and token
endpoint, with ID tokens signed by joserfc (the JOSE library under authlib)."""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "cicte-tracker"
CLIENT_SECRET = "a-client-secret-for-tests"  # noqa: S105


class Provider:
    def __init__(self):
        self.key = RSAKey.generate_key(2048, parameters={"kid": "provider-key"})
        self.signing_key = self.key  # a test may swap in a key the provider never published
        self.codes: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def sign_in(self, authorize_url: str, *, subject: str, **claims) -> str:
        """The person signs in at the provider: the URL it sends their browser back to."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        assert authorize_url.startswith(self.issuer + "/authorize?")
        assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"nonce": query.get("nonce"), "sub": subject, "claims": claims, **query}
        back = urlsplit(query["redirect_uri"])
        return f"{back.path}?{urlencode({'code': code, 'state': query['state']})}"

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": grant["sub"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            **grant["claims"],
        }
        return jwt.encode({"alg": "RS256", "kid": "provider-key"}, claims, self.signing_key)

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body: dict, status: int = 200) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path == "/.well-known/openid-configuration":
                    return self._json(
                        {
                            "issuer": provider.issuer,
                            "authorization_endpoint": provider.issuer + "/authorize",
                            "token_endpoint": provider.issuer + "/token",
                            "jwks_uri": provider.issuer + "/jwks",
                            "response_types_supported": ["code"],
                            "subject_types_supported": ["public"],
                            "id_token_signing_alg_values_supported": ["RS256"],
                        }
                    )
                if self.path == "/jwks":
                    return self._json({"keys": [provider.key.as_dict(private=False)]})
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
                if self.path != "/token" or self.headers.get("Authorization") != f"Basic {expected}":
                    return self._json({"error": "invalid_client"}, 401)
                grant = provider.codes.pop(form.get("code", ""), None)  # a code works once
                if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
                    return self._json({"error": "invalid_grant"}, 400)
                token = {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 300}
                return self._json({**token, "id_token": provider.id_token(grant)})

        return Handler
