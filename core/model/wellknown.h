// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// The kind and role ids of project format 1 (docs/project-format.md) that code refers to by
/// name: the exporters, the importer and rules that single out one kind. Everything else about
/// a kind lives in the catalog.
namespace ew::core::wellknown {

inline const QString KindRest = QStringLiteral("apigateway-rest");
inline const QString KindHttp = QStringLiteral("apigateway-http");
inline const QString KindBucket = QStringLiteral("s3-bucket");
inline const QString KindTopic = QStringLiteral("sns-topic");
inline const QString KindRule = QStringLiteral("eventbridge-rule");
inline const QString KindSchedule = QStringLiteral("eventbridge-schedule");
inline const QString KindBus = QStringLiteral("eventbridge-bus");
inline const QString KindQueue = QStringLiteral("sqs-queue");
inline const QString KindStream = QStringLiteral("kinesis-stream");
inline const QString KindTable = QStringLiteral("dynamodb-table");
inline const QString KindMsk = QStringLiteral("msk-cluster");
inline const QString KindFunction = QStringLiteral("lambda-function");

inline const QString RoleTrigger = QStringLiteral("trigger");
inline const QString RoleOnSuccess = QStringLiteral("on-success");
inline const QString RoleOnFailure = QStringLiteral("on-failure");
inline const QString RoleDeadLetter = QStringLiteral("dead-letter");
inline const QString RoleAccess = QStringLiteral("access");
inline const QString RoleTarget = QStringLiteral("target");

} // namespace ew::core::wellknown
