-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "channelMessageId" TEXT,
    "direction" TEXT NOT NULL,
    "author" TEXT NOT NULL DEFAULT 'bot',
    "kind" TEXT NOT NULL DEFAULT 'text',
    "text" TEXT NOT NULL,
    "attachments" JSONB,
    "choices" JSONB,
    "intent" TEXT,
    "confidence" REAL,
    "entities" JSONB,
    "status" TEXT NOT NULL DEFAULT 'received',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "awaitingReply" BOOLEAN NOT NULL DEFAULT false,
    "replyToId" TEXT,
    CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Message" ("attachments", "attempts", "author", "channel", "channelMessageId", "choices", "confidence", "conversationId", "createdAt", "direction", "entities", "error", "id", "intent", "kind", "nextAttemptAt", "sentAt", "status", "text") SELECT "attachments", "attempts", "author", "channel", "channelMessageId", "choices", "confidence", "conversationId", "createdAt", "direction", "entities", "error", "id", "intent", "kind", "nextAttemptAt", "sentAt", "status", "text" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE INDEX "Message_conversationId_createdAt_idx" ON "Message"("conversationId", "createdAt");
CREATE INDEX "Message_status_idx" ON "Message"("status");
CREATE INDEX "Message_awaitingReply_idx" ON "Message"("awaitingReply");
CREATE INDEX "Message_replyToId_idx" ON "Message"("replyToId");
CREATE UNIQUE INDEX "Message_conversationId_channelMessageId_key" ON "Message"("conversationId", "channelMessageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
