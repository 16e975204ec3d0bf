#pragma once

#include "ui/prompter.h"

#include <QStringList>

namespace sg::test {

// Answers the app's questions from a script instead of showing dialogs; records what was asked.
class FakePrompter final : public ui::Prompter
{
public:
    std::optional<QString> reason; // answer to askRejectionReason (nullopt = cancel)
    bool confirmAnswer = true;
    int reasonQuestions = 0;
    QStringList confirmations;

    std::optional<QString> askRejectionReason(QWidget *, int) override
    {
        ++reasonQuestions;
        return reason;
    }
    bool confirm(QWidget *, const QString &, const QString &text) override
    {
        confirmations.append(text);
        return confirmAnswer;
    }
};

} // namespace sg::test
