#pragma once

#include <QString>

#include <optional>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace sg::ui {

// The questions the app asks the user in modal dialogs. Tests pass a scripted fake.
class Prompter
{
public:
    virtual ~Prompter() = default;
    // The reason for rejecting `count` people; nullopt if the user cancels.
    virtual std::optional<QString> askRejectionReason(QWidget *parent, int count) = 0;
    virtual bool confirm(QWidget *parent, const QString &title, const QString &text) = 0;
};

class DialogPrompter final : public Prompter
{
public:
    std::optional<QString> askRejectionReason(QWidget *parent, int count) override;
    bool confirm(QWidget *parent, const QString &title, const QString &text) override;
};

} // namespace sg::ui
