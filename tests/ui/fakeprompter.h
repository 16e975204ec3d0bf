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
    QStringList newPasswords; // answers to askNewPassword, in order (empty list = cancel)
    QStringList passwordProblems; // what askNewPassword was told each time
    QStringList openFiles; // answers to askOpenFile, in order (empty list = cancel)
    QStringList saveFiles; // answers to askSaveFile, in order (empty list = cancel)
    QStringList informed; // texts passed to inform()
    QStringList confirmations;

    std::optional<QString> askRejectionReason(QWidget *, int) override
    {
        ++reasonQuestions;
        return reason;
    }
    std::optional<QString> askNewPassword(QWidget *, const QString &, const QString &problem) override
    {
        passwordProblems.append(problem);
        if (newPasswords.isEmpty())
            return std::nullopt;
        return newPasswords.takeFirst();
    }
    std::optional<QString> askOpenFile(QWidget *, const QString &, const QString &) override
    {
        if (openFiles.isEmpty())
            return std::nullopt;
        return openFiles.takeFirst();
    }
    std::optional<QString> askSaveFile(QWidget *, const QString &, const QString &, const QString &) override
    {
        if (saveFiles.isEmpty())
            return std::nullopt;
        return saveFiles.takeFirst();
    }
    void inform(QWidget *, const QString &, const QString &text) override { informed.append(text); }
    bool confirm(QWidget *, const QString &, const QString &text) override
    {
        confirmations.append(text);
        return confirmAnswer;
    }
};

} // namespace sg::test
