-- CreateTable
CREATE TABLE "ProcessedAction" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "escalationId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "result" TEXT,
    "createdAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ProcessedAction_createdAt_idx" ON "ProcessedAction"("createdAt");
