// maintenance.h: background work the engine does in bounded steps, outside any user request:
// backfilling a global secondary index created by UpdateTable, deleting the entries of a
// deleted one, counting items and bytes for DescribeTable's statistics, and Time to Live sweeps
// that delete expired items. UpdateTable records the table as pending; the host runs the "@Maintain"
// operation (ops/maintain.cc) repeatedly, each call in its own transaction (the Durable Object
// from its alarm), until it answers {"More":false}.
#ifndef DODB_MAINTENANCE_H_
#define DODB_MAINTENANCE_H_

#include <string_view>

#include "storage/store.h"
#include "storage/table_catalog.h"

namespace dodb {

// Marks table as having index work pending.
void RequestMaintenance(Store& store, std::string_view table);

// Does at most about `budget` items of pending work; true if work remains now. *next_ms is set
// to when periodic work (Time to Live sweeps) is next due, or 0 if there is none.
bool RunMaintenance(Store& store, Catalog& catalog, int budget, double* next_ms);

// DescribeTable: if the table's ItemCount / sizes are older than six hours (DynamoDB's refresh
// period), starts a refresh, done by the maintenance steps; true if one was started.
bool RequestStatisticsIfStale(Store& store, TableInfo* table);

// Time to Live: the period between two sweeps of a table.
inline constexpr double kTtlSweepPeriodMs = 60 * 1000;

// ACTIVE, or UPDATING while an index is being created or deleted.
std::string_view TableStatusOf(const TableInfo& table);

}  // namespace dodb

#endif  // DODB_MAINTENANCE_H_
