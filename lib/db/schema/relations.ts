/** drizzle relations for the relational query API (db.query.*). */
import { relations } from 'drizzle-orm';
import { areaUnits, chiefAssignments, chiefs, departments, merchants, roads, segments, teamMembers } from './areas';
import { categories } from './categories';
import { caseEvents, caseMedia, cases } from './cases';
import { media } from './media';
import { appeals, ratings } from './ratings';
import { publicationMedia, publications } from './publications';
import { staffUsers } from './staff';

export const areaUnitsRelations = relations(areaUnits, ({ one, many }) => ({
  parent: one(areaUnits, { fields: [areaUnits.parentId], references: [areaUnits.id], relationName: 'parent' }),
  children: many(areaUnits, { relationName: 'parent' }),
}));

export const roadsRelations = relations(roads, ({ one, many }) => ({
  district: one(areaUnits, { fields: [roads.districtId], references: [areaUnits.id] }),
  segments: many(segments),
}));

export const segmentsRelations = relations(segments, ({ one, many }) => ({
  road: one(roads, { fields: [segments.roadId], references: [roads.id] }),
  street: one(areaUnits, { fields: [segments.streetId], references: [areaUnits.id], relationName: 'segmentStreet' }),
  community: one(areaUnits, { fields: [segments.communityId], references: [areaUnits.id], relationName: 'segmentCommunity' }),
  assignments: many(chiefAssignments),
  team: many(teamMembers),
  merchants: many(merchants),
}));

export const chiefsRelations = relations(chiefs, ({ many }) => ({ assignments: many(chiefAssignments) }));

export const chiefAssignmentsRelations = relations(chiefAssignments, ({ one }) => ({
  chief: one(chiefs, { fields: [chiefAssignments.chiefId], references: [chiefs.id] }),
  segment: one(segments, { fields: [chiefAssignments.segmentId], references: [segments.id] }),
}));

export const teamMembersRelations = relations(teamMembers, ({ one }) => ({
  segment: one(segments, { fields: [teamMembers.segmentId], references: [segments.id] }),
}));

export const merchantsRelations = relations(merchants, ({ one, many }) => ({
  segment: one(segments, { fields: [merchants.segmentId], references: [segments.id] }),
  ratings: many(ratings),
}));

export const categoriesRelations = relations(categories, ({ one, many }) => ({
  parent: one(categories, { fields: [categories.parentId], references: [categories.id], relationName: 'categoryParent' }),
  children: many(categories, { relationName: 'categoryParent' }),
}));

export const casesRelations = relations(cases, ({ one, many }) => ({
  category: one(categories, { fields: [cases.categoryId], references: [categories.id] }),
  segment: one(segments, { fields: [cases.segmentId], references: [segments.id] }),
  assigneeChief: one(chiefs, { fields: [cases.assigneeChiefId], references: [chiefs.id] }),
  assigneeDepartment: one(departments, { fields: [cases.assigneeDepartmentId], references: [departments.id] }),
  events: many(caseEvents),
  media: many(caseMedia),
}));

export const caseEventsRelations = relations(caseEvents, ({ one }) => ({
  case: one(cases, { fields: [caseEvents.caseId], references: [cases.id] }),
}));

export const caseMediaRelations = relations(caseMedia, ({ one }) => ({
  case: one(cases, { fields: [caseMedia.caseId], references: [cases.id] }),
  media: one(media, { fields: [caseMedia.mediaId], references: [media.id] }),
}));

export const ratingsRelations = relations(ratings, ({ one, many }) => ({
  merchant: one(merchants, { fields: [ratings.merchantId], references: [merchants.id] }),
  segment: one(segments, { fields: [ratings.segmentId], references: [segments.id] }),
  appeals: many(appeals),
}));

export const appealsRelations = relations(appeals, ({ one }) => ({
  rating: one(ratings, { fields: [appeals.ratingId], references: [ratings.id] }),
  merchant: one(merchants, { fields: [appeals.merchantId], references: [merchants.id] }),
}));

export const publicationsRelations = relations(publications, ({ one, many }) => ({
  case: one(cases, { fields: [publications.caseId], references: [cases.id] }),
  merchant: one(merchants, { fields: [publications.merchantId], references: [merchants.id] }),
  chief: one(chiefs, { fields: [publications.chiefId], references: [chiefs.id] }),
  segment: one(segments, { fields: [publications.segmentId], references: [segments.id] }),
  media: many(publicationMedia),
}));

export const publicationMediaRelations = relations(publicationMedia, ({ one }) => ({
  publication: one(publications, { fields: [publicationMedia.publicationId], references: [publications.id] }),
  media: one(media, { fields: [publicationMedia.mediaId], references: [media.id] }),
}));

export const staffUsersRelations = relations(staffUsers, ({ one }) => ({
  chief: one(chiefs, { fields: [staffUsers.chiefId], references: [chiefs.id] }),
  department: one(departments, { fields: [staffUsers.departmentId], references: [departments.id] }),
  scopeArea: one(areaUnits, { fields: [staffUsers.scopeAreaId], references: [areaUnits.id] }),
}));
