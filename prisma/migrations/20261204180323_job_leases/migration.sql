-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN "process" TEXT;
ALTER TABLE "JobRun" ADD COLUMN "reason" TEXT;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedBy" TEXT;

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "process" TEXT NOT NULL,
    "acquiredAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "JobRun_job_status_idx" ON "JobRun"("job", "status");
