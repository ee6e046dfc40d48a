#!/usr/bin/env bash
# Drives the AWS CLI against a running sandbox's AWS emulator, with the sandbox's own files only
# (never ~/.aws). Usage: scripts/aws-cli-check.sh [state-dir]   (default: .sandbox)
# Start the sandbox first: dotnet run --project src/Sandbox
set -euo pipefail
state="${1:-.sandbox}"
if [[ ! -f "$state/aws.env" ]]; then
  echo "No $state/aws.env: start the sandbox first (dotnet run --project src/Sandbox)." >&2
  exit 1
fi
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
# shellcheck disable=SC1091
source "$state/aws.env"
prod=$(python3 -c 'import json,sys; print([a["id"] for a in json.load(open(sys.argv[1]))["accounts"] if a["name"]=="prod"][0])' "$state/accounts.json")
run() { echo "\$ aws $*"; timeout 60 aws "$@" --output json; echo; }
run --profile alice sts get-caller-identity
run --profile admin-prod iam get-role --role-name IrOperatorProvisioner
run --profile admin-prod iam list-roles --max-items 5
run --profile operator sts assume-role --role-arn "arn:aws:iam::${prod}:role/IrOperatorProvisioner" \
    --role-session-name cli-check --source-identity cli-check
run --profile operator organizations list-accounts
# boto3, the same calls' shapes through the same files
timeout 60 python3 - <<'PY'
import boto3
for profile, service, call in [("alice", "sts", "get_caller_identity"), ("admin-prod", "iam", "list_roles"), ("operator", "organizations", "list_accounts")]:
    client = boto3.session.Session(profile_name=profile).client(service)
    response = getattr(client, call)()
    response.pop("ResponseMetadata", None)
    print(f"boto3 {profile} {service}.{call}: keys {sorted(response)}")
PY
echo "AWS CLI and boto3 answered."
