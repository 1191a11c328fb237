"""A local S3-compatible server (moto's, on 127.0.0.1) for the object-storage tests, and the
two-app-server check, which needs PostgreSQL (two processes and a worker writing one database
at once; SQLite is the one-machine demo's), so it is collected only when the suite runs on
PostgreSQL (``DATABASE_URL``), as CI's PostgreSQL pass does; on SQLite it is not collected at
all rather than reported as skipped."""

import uuid
from dataclasses import dataclass

import boto3
import pytest
from django.conf import settings
from moto.server import ThreadedMotoServer

collect_ignore = [] if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") else ["test_two_servers.py"]

REGION = "us-east-1"
KEY_ID, SECRET = "deploy-test-key", "deploy-test-secret"  # moto accepts any pair


@dataclass
class Bucket:
    endpoint: str
    name: str
    client: object

    def keys(self) -> list[str]:
        return sorted(item["Key"] for item in self.client.list_objects_v2(Bucket=self.name).get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def environment(self) -> dict[str, str]:
        """What an app server is given to keep its documents in this bucket (README, "Deployment")."""
        return {
            "PRIVATE_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": self.name,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": KEY_ID,
            "AWS_SECRET_ACCESS_KEY": SECRET,
        }


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint) -> Bucket:
    """A new, empty bucket of its own."""
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name=REGION, aws_access_key_id=KEY_ID, aws_secret_access_key=SECRET
    )
    name = f"cicte-{uuid.uuid4().hex[:16]}"
    client.create_bucket(Bucket=name)
    return Bucket(endpoint=s3_endpoint, name=name, client=client)
