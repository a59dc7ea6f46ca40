#!/bin/sh
echo "Anxin does not use Prisma's native schema engine. Use 'npm run db:migration -- <name>' to author migrations and 'anxin db migrate' to apply them." >&2
exit 1
