-- CreateTable
CREATE TABLE "UnansweredQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "normalized" TEXT NOT NULL,
    "sampleText" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "hadSuggestions" BOOLEAN NOT NULL DEFAULT false,
    "topEntryId" TEXT,
    "firstAskedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAskedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastConversationId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open'
);

-- CreateIndex
CREATE INDEX "UnansweredQuestion_status_count_idx" ON "UnansweredQuestion"("status", "count");

-- CreateIndex
CREATE UNIQUE INDEX "UnansweredQuestion_normalized_lang_key" ON "UnansweredQuestion"("normalized", "lang");
