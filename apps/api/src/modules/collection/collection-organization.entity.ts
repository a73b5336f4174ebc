import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A collection organization (Bưu điện, Viettel …) paid to collect contributions. */
@Entity({ name: 'collection_organization' })
@Index('uq_collection_organization_code', ['code'], { unique: true })
export class CollectionOrganizationEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;
}
