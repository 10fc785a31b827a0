#!/usr/bin/env bash
# Entry of the cluster profile's extra nodes: the image's own entry point, then, once this node runs in
# the cluster, a replica of every quorum queue on it (queues declared before it joined have fewer).
# SIGTERM (docker stop) stops the node cleanly.
set -euo pipefail
docker-entrypoint.sh rabbitmq-server &
server=$!
trap 'rabbitmqctl stop; wait "$server"' TERM INT
until rabbitmq-diagnostics -q check_running >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || exit 1
  sleep 2
done
rabbitmq-queues grow "rabbit@$(hostname)" all >/dev/null || echo "could not grow the quorum queues onto this node" >&2
wait "$server"
