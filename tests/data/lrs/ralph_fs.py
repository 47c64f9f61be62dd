"""Starts Ralph's LRS API on 127.0.0.1 with its file-system backend, for the send tests.

Ralph's fs backend writes every POST to one file in `create` mode, which refuses the second
POST ("already exists and overwrite is not allowed"); it is Ralph's development backend, and
real deployments use Elasticsearch, MongoDB or ClickHouse. The tests need a Ralph that keeps
its statements on disk across a kill, so this launcher makes the fs backend append instead.
Usage: python ralph_fs.py PORT  (settings come from RALPH_* environment variables).
"""
import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the patch, as the backend is made on import)

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
