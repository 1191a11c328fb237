#!/usr/bin/env bash
# The scheduled jobs, by name: `deploy/cron.sh often` every 5 minutes, `daily` once a day,
# `weekly` once a week (from cron, a systemd timer or a Kubernetes CronJob).
set -euo pipefail
source "$(dirname "$0")/env.sh"
case "${1:-}" in
  often) exec python manage.py send_pending_emails ;;
  daily)
    python manage.py prune_report_files
    # How many mandates hold each word: the overlap hints' rarity (a few seconds at 100,000).
    python manage.py refresh_mandate_terms
    exec python manage.py send_reminders
    ;;
  weekly)
    python manage.py prune_db_task_results --min-age-days 30
    # Sign-in events, access logs, sent emails and form tokens past AUDIT_RETENTION_DAYS.
    python manage.py prune_audit
    exec python manage.py cleanup_orphan_attachments
    ;;
  *) echo "usage: $0 often|daily|weekly" >&2; exit 2 ;;
esac
