"""The media bucket as Foodie needs it (docs/operators.md "Media on S3-compatible
storage"): created if missing, with renditions (images/) readable by anyone, because
readers' browsers fetch them from the bucket; originals and documents stay private
(documents are served through Django's privacy checks).

Used by the native stack (`make stack MEDIA=s3`, deploy/stack.py) and the S3 tests.
"""

from __future__ import annotations

import json


def public_read_policy(bucket: str) -> dict:
    """A bucket policy: GetObject on images/ for everyone, nothing else (ACLs stay private)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadForMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/images/*",
            }
        ],
    }


def create_media_bucket(client, bucket: str) -> None:
    """Create ``bucket`` with a boto3 S3 ``client`` (if it does not exist) and set its policy."""
    existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
    if bucket not in existing:
        client.create_bucket(Bucket=bucket)
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read_policy(bucket)))
